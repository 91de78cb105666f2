// The public half of the keyring, as published at /.well-known/tollgate-signing-keys.json.
import { currentKeyring, type Keyring, type SigningKeyStatus } from "./keyring";

export interface PublicSigningKey {
  keyId: string;
  algorithm: "Ed25519";
  publicKeyPem: string;
  // The raw 32-byte public key, base64: what agents pin and RELEASE_SIGNING_PREVIOUS_KEYS takes.
  publicKeyBase64: string;
  status: SigningKeyStatus;
}

export function publicKeys(keyring: Keyring = currentKeyring()): PublicSigningKey[] {
  return [...keyring.keys.values()]
    .sort((a, b) =>
      a.status === b.status ? a.keyId.localeCompare(b.keyId) : a.status === "active" ? -1 : 1,
    )
    .map((key) => {
      const jwk = key.publicKey.export({ format: "jwk" });
      return {
        keyId: key.keyId,
        algorithm: "Ed25519",
        publicKeyPem: key.publicKey.export({ format: "pem", type: "spki" }).toString(),
        publicKeyBase64: Buffer.from(jwk.x ?? "", "base64url").toString("base64"),
        status: key.status,
      };
    });
}
