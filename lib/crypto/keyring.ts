// The field-encryption keyring: every key that may still decrypt stored data, named by a key id
// that travels inside each ciphertext, and the one active key that encrypts. Rotating is: add a
// key, make it active, run scripts/reencrypt.ts, then drop the old key.
import { env } from "@/lib/env";

export interface Keyring {
  activeKid: string;
  keys: ReadonlyMap<string, Buffer>;
}

// Key ids end up inside the ciphertext format, whose separator is a dot.
const KID = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
export const KEY_BYTES = 32;

// "kid:base64key,kid2:base64key" (base64 or base64url, 32 bytes each). Errors never echo a key.
export function parseKeyring(spec: string, activeKid: string): Keyring {
  const keys = new Map<string, Buffer>();
  for (const entry of spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const sep = entry.indexOf(":");
    const kid = sep > 0 ? entry.slice(0, sep).trim() : "";
    const material = entry.slice(sep + 1).trim();
    if (!KID.test(kid)) {
      throw new Error(
        `DATA_ENCRYPTION_KEYS: each entry must be "kid:base64key" with a kid of [A-Za-z0-9_-]{1,32}`,
      );
    }
    if (keys.has(kid)) throw new Error(`DATA_ENCRYPTION_KEYS: key id "${kid}" appears twice`);
    const key = BASE64.test(material) ? Buffer.from(material, "base64") : Buffer.alloc(0);
    if (key.length !== KEY_BYTES) {
      throw new Error(`DATA_ENCRYPTION_KEYS: key "${kid}" must be ${KEY_BYTES} bytes of base64`);
    }
    keys.set(kid, key);
  }
  if (!keys.size) throw new Error("DATA_ENCRYPTION_KEYS: no keys given");
  if (!keys.has(activeKid)) {
    throw new Error(`DATA_ENCRYPTION_ACTIVE_KEY: "${activeKid}" is not in DATA_ENCRYPTION_KEYS`);
  }
  return { activeKid, keys };
}

let cached: { spec: string; active: string; keyring: Keyring } | undefined;

export function keyringFromEnv(): Keyring {
  const { DATA_ENCRYPTION_KEYS: spec, DATA_ENCRYPTION_ACTIVE_KEY: active } = env();
  if (cached?.spec !== spec || cached.active !== active) {
    cached = { spec, active, keyring: parseKeyring(spec, active) };
  }
  return cached.keyring;
}
