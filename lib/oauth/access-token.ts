// Access tokens: short-lived JWTs (RFC 9068 profile) signed with Ed25519 under TOKEN_SIGNING_KEY.
// Only Tollgate verifies them, so the public key is derived here and never published. Rotating
// TOKEN_SIGNING_KEY invalidates outstanding tokens; clients simply ask for a new one.
import { createPrivateKey, createPublicKey, randomUUID, type KeyObject } from "node:crypto";
import { jwtVerify, SignJWT, type JWTPayload } from "jose";
import { env } from "@/lib/env";

export const ACCESS_TOKEN_AUDIENCE = "tollgate-api";
// The JWT type of RFC 9068: no other token Tollgate signs can pass for an access token.
export const ACCESS_TOKEN_TYPE = "at+jwt";
// Seconds of clock skew accepted between instances.
export const CLOCK_TOLERANCE_SECONDS = 5;

export interface AccessTokenClaims {
  // The client's public client id.
  sub: string;
  // ApiClient.id, the row the token belongs to.
  cid: string;
  scope: string;
  jti: string;
  exp: number;
  iat: number;
}

let keys: { pem: string; privateKey: KeyObject; publicKey: KeyObject } | undefined;

function signingKeys(): { privateKey: KeyObject; publicKey: KeyObject } {
  const pem = env().TOKEN_SIGNING_KEY;
  if (keys?.pem !== pem) {
    const privateKey = createPrivateKey(pem);
    if (privateKey.asymmetricKeyType !== "ed25519")
      throw new Error("TOKEN_SIGNING_KEY must be an Ed25519 private key");
    keys = { pem, privateKey, publicKey: createPublicKey(privateKey) };
  }
  return keys;
}

export async function signAccessToken(input: {
  clientId: string;
  apiClientId: string;
  scopes: readonly string[];
  now?: Date;
  ttlSeconds?: number;
}): Promise<{ token: string; expiresIn: number; expiresAt: Date; jti: string }> {
  const e = env();
  const expiresIn = input.ttlSeconds ?? e.TOKEN_TTL;
  const iat = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const jti = randomUUID();
  const token = await new SignJWT({ cid: input.apiClientId, scope: input.scopes.join(" ") })
    .setProtectedHeader({ alg: "EdDSA", typ: ACCESS_TOKEN_TYPE })
    .setIssuer(e.APP_URL)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setSubject(input.clientId)
    .setJti(jti)
    .setIssuedAt(iat)
    .setExpirationTime(iat + expiresIn)
    .sign(signingKeys().privateKey);
  return { token, expiresIn, expiresAt: new Date((iat + expiresIn) * 1000), jti };
}

function isClaims(payload: JWTPayload): payload is JWTPayload & AccessTokenClaims {
  return (
    typeof payload.sub === "string" &&
    typeof payload.cid === "string" &&
    typeof payload.scope === "string" &&
    typeof payload.jti === "string" &&
    typeof payload.exp === "number" &&
    typeof payload.iat === "number"
  );
}

// Throws (a jose error, or an Error for missing claims) when the token is not one of ours,
// tampered with, for another audience, or expired.
export async function verifyAccessToken(token: string): Promise<AccessTokenClaims> {
  const { payload } = await jwtVerify(token, signingKeys().publicKey, {
    algorithms: ["EdDSA"],
    typ: ACCESS_TOKEN_TYPE,
    issuer: env().APP_URL,
    audience: ACCESS_TOKEN_AUDIENCE,
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    requiredClaims: ["exp", "iat", "sub", "jti"],
  });
  if (!isClaims(payload)) throw new Error("the token lacks required claims");
  return {
    sub: payload.sub,
    cid: payload.cid,
    scope: payload.scope,
    jti: payload.jti,
    exp: payload.exp,
    iat: payload.iat,
  };
}
