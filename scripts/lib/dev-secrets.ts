// Secrets for the embedded default (dev and tests): generated once per data directory and kept
// there, so a restart keeps sessions, encrypted data and signatures valid.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export type DevSecrets = Record<
  | "AUTH_SECRET"
  | "DATA_ENCRYPTION_KEYS"
  | "DATA_ENCRYPTION_ACTIVE_KEY"
  | "LICENSE_HMAC_KEY"
  | "RELEASE_SIGNING_KEY"
  | "RELEASE_SIGNING_KEY_ID"
  | "TOKEN_SIGNING_KEY"
  | "DOWNLOAD_URL_SECRET"
  | "OIDC_CLIENT_SECRET"
  | "APP_DB_PASSWORD"
  | "OWNER_DB_PASSWORD",
  string
>;

const ed25519Pem = () =>
  generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();

export function ensureDevSecrets(dir: string): DevSecrets {
  const file = path.join(dir, "dev-secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as DevSecrets;
  const secrets: DevSecrets = {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    DATA_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString("base64")}`,
    DATA_ENCRYPTION_ACTIVE_KEY: "k1",
    LICENSE_HMAC_KEY: randomBytes(32).toString("base64url"),
    RELEASE_SIGNING_KEY: ed25519Pem(),
    RELEASE_SIGNING_KEY_ID: "release-1",
    TOKEN_SIGNING_KEY: ed25519Pem(),
    DOWNLOAD_URL_SECRET: randomBytes(32).toString("base64url"),
    OIDC_CLIENT_SECRET: randomBytes(24).toString("base64url"),
    APP_DB_PASSWORD: randomBytes(24).toString("base64url"),
    OWNER_DB_PASSWORD: randomBytes(24).toString("base64url"),
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
