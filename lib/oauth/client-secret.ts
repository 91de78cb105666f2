// Client secrets: 32 random bytes shown once as `tgs_…`, stored as a keyed hash:
// HMAC-SHA256 under a server-side pepper (CLIENT_SECRET_PEPPER, or one derived from
// LICENSE_HMAC_KEY) over a per-secret salt and the secret. A 256-bit random secret cannot be
// guessed, so the work factor of a password hash buys nothing (the standard for API keys);
// without the pepper a stolen table cannot even be tested against. The token endpoint then costs
// microseconds instead of an scrypt. The `tgs_` prefix lets lib/log.ts redact a secret that ends
// up in free text, and lets secret scanners recognise a leaked one.
//
// Secrets stored before this scheme are scrypt hashes; they still verify, and the token endpoint
// rehashes them on their next successful use (needsRehash, authenticate-client.ts).
import {
  createHmac,
  hkdfSync,
  randomBytes,
  scrypt as scryptCallback,
  timingSafeEqual,
  type ScryptOptions,
} from "node:crypto";
import { env } from "@/lib/env";

export const CLIENT_SECRET_PREFIX = "tgs_";
// 32 bytes in base64url without padding are exactly 43 characters.
export const CLIENT_SECRET_PATTERN = /^tgs_[A-Za-z0-9_-]{43}$/;

const HMAC_HASH = /^hmac-sha256\$([A-Za-z0-9_-]{22})\$([A-Za-z0-9_-]{43})$/;

let pepperCache: { source: string; key: Buffer } | undefined;
function pepper(): Buffer {
  const e = env();
  const source = e.CLIENT_SECRET_PEPPER ?? `derived:${e.LICENSE_HMAC_KEY}`;
  if (pepperCache?.source !== source) {
    const key = e.CLIENT_SECRET_PEPPER
      ? Buffer.from(e.CLIENT_SECRET_PEPPER, "utf8")
      : Buffer.from(
          hkdfSync("sha256", e.LICENSE_HMAC_KEY, "", "tollgate client secret pepper v1", 32),
        );
    pepperCache = { source, key };
  }
  return pepperCache.key;
}

function mac(secret: string, salt: Buffer): Buffer {
  return createHmac("sha256", pepper()).update(salt).update(secret, "utf8").digest();
}

export function generateClientSecret(): string {
  return `${CLIENT_SECRET_PREFIX}${randomBytes(32).toString("base64url")}`;
}

// Enough to recognise a secret in a list, never enough to guess it.
export function secretHint(secret: string): string {
  return `${secret.slice(0, 4)}…${secret.slice(-4)}`;
}

// Format: hmac-sha256$<salt base64url>$<mac base64url>
export async function hashClientSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  return `hmac-sha256$${salt.toString("base64url")}$${mac(secret, salt).toString("base64url")}`;
}

// True for a stored hash of an older scheme, to be replaced after the next successful use.
export function needsRehash(stored: string): boolean {
  return !HMAC_HASH.test(stored);
}

// ─── the previous scheme: scrypt, verified until every stored secret has been rehashed ───

// Refuse absurd parameters read back from the database (a tampered row must not become a DoS).
const MAX_N = 2 ** 20;

function scrypt(
  secret: string,
  salt: Buffer,
  keyLength: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(secret, salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

async function verifyScrypt(secret: string, stored: string): Promise<boolean> {
  const match = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(
    stored,
  );
  if (!match) return false;
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (N < 2 || N > MAX_N || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const salt = Buffer.from(match[4] ?? "", "base64url");
  const key = Buffer.from(match[5] ?? "", "base64url");
  if (salt.length < 16 || key.length < 16) return false;
  const candidate = await scrypt(secret, salt, key.length, {
    N,
    r,
    p,
    maxmem: 256 * N * r + 1024 * 1024,
  });
  return timingSafeEqual(candidate, key);
}

export async function verifyClientSecret(secret: string, stored: string): Promise<boolean> {
  const current = HMAC_HASH.exec(stored);
  if (current) {
    const expected = Buffer.from(current[2] ?? "", "base64url");
    const candidate = mac(secret, Buffer.from(current[1] ?? "", "base64url"));
    return timingSafeEqual(candidate, expected);
  }
  return verifyScrypt(secret, stored);
}

// Verified against when the client is unknown, so that an unknown client id costs the same as a
// wrong secret (one HMAC) and the endpoint does not reveal which client ids exist.
let dummy: Promise<string> | undefined;
export function dummySecretHash(): Promise<string> {
  dummy ??= hashClientSecret(generateClientSecret());
  return dummy;
}
