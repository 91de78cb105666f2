// Column-level encryption with AES-256-GCM (node:crypto). A ciphertext names the key that made
// it, so keys can rotate while old rows stay readable:
//
//   v1.<kid>.<iv, base64url>.<ciphertext || 16-byte tag, base64url>
//
// The additional authenticated data binds the ciphertext to its table and column (and to the
// version and key id in its header): a value copied into another column, or an edited header,
// fails authentication instead of decrypting.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { keyringFromEnv, type Keyring } from "./keyring";

export interface FieldContext {
  table: string;
  column: string;
}

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = /^v1\.([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22,})$/;

interface Parsed {
  kid: string;
  iv: Buffer;
  sealed: Buffer;
}

function parse(ciphertext: string): Parsed | null {
  const m = FORMAT.exec(ciphertext);
  if (!m?.[1] || !m[2] || !m[3]) return null;
  const iv = Buffer.from(m[2], "base64url");
  const sealed = Buffer.from(m[3], "base64url");
  if (iv.length !== IV_BYTES || sealed.length < TAG_BYTES) return null;
  return { kid: m[1], iv, sealed };
}

const aad = (kid: string, context: FieldContext) =>
  Buffer.from(`tollgate-field:${VERSION}:${kid}:${context.table}.${context.column}`, "utf8");

const where = (context: FieldContext) => `${context.table}.${context.column}`;

export function encryptField(
  value: string,
  context: FieldContext,
  keyring: Keyring = keyringFromEnv(),
): string {
  const kid = keyring.activeKid;
  const key = keyring.keys.get(kid);
  if (!key) throw new Error(`Field encryption: the active key "${kid}" is not in the keyring`);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(kid, context));
  const sealed = Buffer.concat([cipher.update(value, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${kid}.${iv.toString("base64url")}.${sealed.toString("base64url")}`;
}

export function decryptField(
  ciphertext: string,
  context: FieldContext,
  keyring: Keyring = keyringFromEnv(),
): string {
  const parsed = parse(ciphertext);
  if (!parsed) throw new Error(`Field encryption: ${where(context)} does not hold a v1 ciphertext`);
  const key = keyring.keys.get(parsed.kid);
  if (!key) {
    throw new Error(
      `Field encryption: ${where(context)} was encrypted with key "${parsed.kid}", which is not in the keyring`,
    );
  }
  const decipher = createDecipheriv("aes-256-gcm", key, parsed.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(parsed.kid, context));
  decipher.setAuthTag(parsed.sealed.subarray(parsed.sealed.length - TAG_BYTES));
  try {
    const body = parsed.sealed.subarray(0, parsed.sealed.length - TAG_BYTES);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
  } catch {
    // GCM reports every mismatch the same way: wrong key, wrong column, or altered bytes.
    throw new Error(
      `Field encryption: ${where(context)} failed authentication (tampered or misplaced)`,
    );
  }
}

export function encryptOptional(
  value: string | null | undefined,
  context: FieldContext,
  keyring?: Keyring,
): string | null {
  return value == null ? null : encryptField(value, context, keyring);
}

export function decryptOptional(
  ciphertext: string | null,
  context: FieldContext,
  keyring?: Keyring,
): string | null {
  return ciphertext == null ? null : decryptField(ciphertext, context, keyring);
}

// The key id a ciphertext names, or null when the value is not a ciphertext at all.
export function ciphertextKeyId(ciphertext: string): string | null {
  return parse(ciphertext)?.kid ?? null;
}

// True unless the value is a well-formed ciphertext under the active key; re-encryption then
// decrypts it, which fails loudly for anything that is not ours.
export function needsReencryption(
  ciphertext: string,
  keyring: Keyring = keyringFromEnv(),
): boolean {
  return ciphertextKeyId(ciphertext) !== keyring.activeKid;
}
