// Pinned release-signing public keys. The agent trusts only keys given in its configuration
// (a PEM file, or base64 of the raw 32-byte key, an SPKI DER or a PEM): it never fetches keys,
// because a key fetched from the server it is checking would prove nothing.
import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { publicKeyFromBase64 } from "../lib/signing/keyring";
import { AgentError, EXIT } from "./errors";

export function loadPinnedKey(value: string): KeyObject {
  try {
    if (existsSync(value)) {
      const key = createPublicKey(readFileSync(value, "utf8"));
      if (key.asymmetricKeyType !== "ed25519") throw new Error("not Ed25519");
      return key;
    }
    return publicKeyFromBase64(value.trim());
  } catch {
    throw new AgentError(
      EXIT.USAGE,
      `--public-key: ${value.slice(0, 60)} is not an Ed25519 public key (PEM file or base64)`,
    );
  }
}

// True when any pinned key verifies the signature (the key id only names which key the server
// used; it cannot select a key the agent does not already hold).
export function verifiedByPinnedKey(
  data: Uint8Array,
  signatureBase64: string,
  keys: readonly KeyObject[],
): boolean {
  const signature = Buffer.from(signatureBase64, "base64");
  if (signature.byteLength !== 64) return false;
  return keys.some((key) => verify(null, data, key, signature));
}
