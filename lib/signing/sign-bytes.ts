// Ed25519 signatures with the release-signing keyring. Signatures are base64 and always travel
// with the id of the key that made them, so verifiers can hold several keys during a rotation.
import { sign, verify } from "node:crypto";
import { currentKeyring, type Keyring } from "./keyring";

export interface Signature {
  keyId: string;
  // base64 of the 64-byte Ed25519 signature.
  signature: string;
}

const toBytes = (data: Uint8Array | string) =>
  typeof data === "string" ? Buffer.from(data, "utf8") : data;

export function signBytes(
  data: Uint8Array | string,
  keyring: Keyring = currentKeyring(),
): Signature {
  return {
    keyId: keyring.activeKeyId,
    signature: sign(null, toBytes(data), keyring.privateKey).toString("base64"),
  };
}

// False for an unknown key id or a malformed signature, never an exception.
export function verifyBytes(
  data: Uint8Array | string,
  signed: Signature,
  keyring: Keyring = currentKeyring(),
): boolean {
  const key = keyring.keys.get(signed.keyId);
  if (!key) return false;
  const signature = Buffer.from(signed.signature, "base64");
  if (signature.byteLength !== 64) return false;
  return verify(null, toBytes(data), key.publicKey, signature);
}
