// The dev IdP's ID token signing key. RS256 because that is what OIDC clients assume when they
// register nothing else (next-auth included). Kept in `keysDir` when given, so tokens issued before
// a restart still verify; otherwise a fresh key per start is fine for a development IdP.
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export type SigningJwks = { keys: Record<string, unknown>[] };

function generateJwks(): SigningJwks {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = privateKey.export({ format: "jwk" });
  return { keys: [{ ...jwk, kid: `dev-${randomUUID()}`, alg: "RS256", use: "sig" }] };
}

export function loadSigningJwks(keysDir?: string): SigningJwks {
  if (!keysDir) return generateJwks();
  const file = path.join(keysDir, "dev-idp-jwks.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as SigningJwks;
  const jwks = generateJwks();
  mkdirSync(keysDir, { recursive: true });
  writeFileSync(file, JSON.stringify(jwks), { mode: 0o600 });
  return jwks;
}
