// Client secrets: 32 random bytes shown once as `tgs_…`, stored only as an scrypt hash with its
// own salt and its parameters in the stored string (so the cost can be raised later without
// invalidating existing secrets). The `tgs_` prefix lets lib/log.ts redact a secret that ends up
// in free text, and lets secret scanners recognise a leaked one.
import {
  randomBytes,
  scrypt as scryptCallback,
  timingSafeEqual,
  type ScryptOptions,
} from "node:crypto";

export const CLIENT_SECRET_PREFIX = "tgs_";
// 32 bytes in base64url without padding are exactly 43 characters.
export const CLIENT_SECRET_PATTERN = /^tgs_[A-Za-z0-9_-]{43}$/;

// 16 MiB and ~40 ms per hash here: the secrets are 256-bit random, so the cost only has to make
// a stolen hash table useless for anything but a lucky guess, while the token endpoint stays cheap.
const PARAMS = { N: 2 ** 14, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
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

export function generateClientSecret(): string {
  return `${CLIENT_SECRET_PREFIX}${randomBytes(32).toString("base64url")}`;
}

// Enough to recognise a secret in a list, never enough to guess it.
export function secretHint(secret: string): string {
  return `${secret.slice(0, 4)}…${secret.slice(-4)}`;
}

// Format: scrypt$N=16384,r=8,p=1$<salt base64url>$<key base64url>
export async function hashClientSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(secret, salt, KEY_LENGTH, { ...PARAMS, maxmem: 64 * 1024 * 1024 });
  return `scrypt$N=${PARAMS.N},r=${PARAMS.r},p=${PARAMS.p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const match = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(
    stored,
  );
  if (!match) return null;
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (N < 2 || N > MAX_N || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return null;
  const salt = Buffer.from(match[4] ?? "", "base64url");
  const key = Buffer.from(match[5] ?? "", "base64url");
  if (salt.length < 16 || key.length < 16) return null;
  return { N, r, p, salt, key };
}

export async function verifyClientSecret(secret: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const { N, r, p, salt, key } = parsed;
  const candidate = await scrypt(secret, salt, key.length, {
    N,
    r,
    p,
    maxmem: 256 * N * r + 1024 * 1024,
  });
  return timingSafeEqual(candidate, key);
}

// Verified against when the client is unknown, so that an unknown client id costs the same time
// as a wrong secret and the endpoint does not reveal which client ids exist.
let dummy: Promise<string> | undefined;
export function dummySecretHash(): Promise<string> {
  dummy ??= hashClientSecret(generateClientSecret());
  return dummy;
}
