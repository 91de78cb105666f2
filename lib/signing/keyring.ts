// The release-signing keyring: one active Ed25519 private key (RELEASE_SIGNING_KEY, or a file via
// RELEASE_SIGNING_KEY_FILE, under RELEASE_SIGNING_KEY_ID) and the public keys of retired keys
// still accepted during a rotation (RELEASE_SIGNING_PREVIOUS_KEYS). See docs/signing.md.
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { env, type Env } from "@/lib/env";

export type SigningKeyStatus = "active" | "previous";

export interface SigningKey {
  keyId: string;
  publicKey: KeyObject;
  status: SigningKeyStatus;
}

export interface Keyring {
  activeKeyId: string;
  privateKey: KeyObject;
  keys: ReadonlyMap<string, SigningKey>;
}

export interface KeyringConfig {
  privateKeyPem: string;
  keyId: string;
  // "kid:base64,kid2:base64" where base64 is the raw 32-byte key (as published at
  // /.well-known/tollgate-signing-keys.json), an SPKI DER, or a PEM text.
  previousKeys?: string;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function publicKeyFromBase64(value: string): KeyObject {
  const bytes = Buffer.from(value, "base64");
  const text = bytes.toString("utf8");
  let key: KeyObject;
  if (text.includes("BEGIN PUBLIC KEY")) key = createPublicKey(text);
  else if (bytes.byteLength === 32) {
    key = createPublicKey({
      key: { kty: "OKP", crv: "Ed25519", x: bytes.toString("base64url") },
      format: "jwk",
    });
  } else key = createPublicKey({ key: bytes, format: "der", type: "spki" });
  if (key.asymmetricKeyType !== "ed25519") throw new Error("not an Ed25519 public key");
  return key;
}

function parsePreviousKeys(value: string | undefined): SigningKey[] {
  if (!value) return [];
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const colon = entry.indexOf(":");
      const keyId = entry.slice(0, colon);
      if (colon < 1 || !KEY_ID.test(keyId)) {
        throw new Error("RELEASE_SIGNING_PREVIOUS_KEYS: each entry is keyId:base64");
      }
      try {
        return {
          keyId,
          publicKey: publicKeyFromBase64(entry.slice(colon + 1)),
          status: "previous" as const,
        };
      } catch {
        throw new Error(
          `RELEASE_SIGNING_PREVIOUS_KEYS: the key of ${keyId} is not an Ed25519 public key`,
        );
      }
    });
}

export function createKeyring(config: KeyringConfig): Keyring {
  if (!KEY_ID.test(config.keyId))
    throw new Error("RELEASE_SIGNING_KEY_ID: letters, digits, . _ - (at most 64)");
  const privateKey = createPrivateKey(config.privateKeyPem);
  if (privateKey.asymmetricKeyType !== "ed25519")
    throw new Error("RELEASE_SIGNING_KEY must be an Ed25519 key");
  const keys = new Map<string, SigningKey>();
  keys.set(config.keyId, {
    keyId: config.keyId,
    publicKey: createPublicKey(privateKey),
    status: "active",
  });
  for (const previous of parsePreviousKeys(config.previousKeys)) {
    if (keys.has(previous.keyId)) {
      throw new Error(`RELEASE_SIGNING_PREVIOUS_KEYS: key id ${previous.keyId} is used twice`);
    }
    keys.set(previous.keyId, previous);
  }
  return { activeKeyId: config.keyId, privateKey, keys };
}

const cache = new WeakMap<Env, Keyring>();

export function currentKeyring(): Keyring {
  const e = env();
  let keyring = cache.get(e);
  if (!keyring) {
    keyring = createKeyring({
      privateKeyPem: e.RELEASE_SIGNING_KEY,
      keyId: e.RELEASE_SIGNING_KEY_ID,
      previousKeys: e.RELEASE_SIGNING_PREVIOUS_KEYS,
    });
    cache.set(e, keyring);
  }
  return keyring;
}
