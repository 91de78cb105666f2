// License keys: TG-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX in Crockford base32, 25 random symbols = 125
// bits. Crockford's alphabet has no I, L, O or U, so a key read aloud or retyped survives, and
// lib/log.ts redacts exactly this shape from free text. The database keeps only an HMAC (for
// lookup), a ciphertext (for an authorised reveal) and the last five symbols (a hint).
import { randomBytes } from "node:crypto";
import { ENCRYPTED_FIELDS } from "@/lib/crypto/encrypted-columns";
import { decryptField, encryptField } from "@/lib/crypto/field-encryption";
import { lookupHash } from "@/lib/crypto/lookup-hash";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const SYMBOLS = 25;
const GROUP = 5;
export const LICENSE_KEY_PATTERN = /^TG(?:-[0-9A-HJKMNP-TV-Z]{5}){5}$/;

export function generateLicenseKey(): string {
  // 16 random bytes give 128 bits; the key uses the first 125, five at a time.
  let bits = BigInt(`0x${randomBytes(16).toString("hex")}`);
  const symbols: string[] = [];
  for (let i = 0; i < SYMBOLS; i += 1) {
    symbols.push(ALPHABET.charAt(Number(bits & 31n)));
    bits >>= 5n;
  }
  const groups: string[] = [];
  for (let i = 0; i < SYMBOLS; i += GROUP) groups.push(symbols.slice(i, i + GROUP).join(""));
  return `TG-${groups.join("-")}`;
}

// What a person may type: any case, spaces or missing dashes, and Crockford's look-alikes
// (O for 0, I and L for 1). Returns the canonical form, or null if it cannot be a key.
export function normalizeLicenseKey(input: string): string | null {
  const compact = input
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (!compact.startsWith("TG")) return null;
  const body = compact.slice(2);
  if (body.length !== SYMBOLS || [...body].some((c) => !ALPHABET.includes(c))) return null;
  const groups: string[] = [];
  for (let i = 0; i < SYMBOLS; i += GROUP) groups.push(body.slice(i, i + GROUP));
  return `TG-${groups.join("-")}`;
}

export function licenseKeyHash(key: string): string {
  return lookupHash(normalizeLicenseKey(key) ?? key);
}

export function licenseKeyHint(key: string): string {
  return key.slice(-GROUP);
}

// The three stored columns for a freshly generated key.
export function licenseKeyColumns(key: string): {
  keyHash: string;
  keyCiphertext: string;
  keyHint: string;
} {
  return {
    keyHash: licenseKeyHash(key),
    keyCiphertext: encryptField(key, ENCRYPTED_FIELDS.licenseKey),
    keyHint: licenseKeyHint(key),
  };
}

export function decryptLicenseKey(keyCiphertext: string): string {
  return decryptField(keyCiphertext, ENCRYPTED_FIELDS.licenseKey);
}
