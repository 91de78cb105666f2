// Secrets stored under the previous scheme (scrypt) keep working, and the first successful token
// request moves them to the current keyed hash; a wrong secret changes nothing.
import { randomBytes, scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { basic, callToken, makeAgent, uniqueIp } from "./factories";

const grant = { grant_type: "client_credentials" };

// Exactly what the previous version of lib/oauth/client-secret.ts stored.
function legacyScryptHash(secret: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(secret, salt, 32, { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return `scrypt$N=16384,r=8,p=1$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

describe("client secret rehash", () => {
  it("authenticates a scrypt-hashed secret once and rehashes it with the keyed hash", async () => {
    const { client, secret } = await makeAgent();
    const legacy = legacyScryptHash(secret);
    await db().apiClientSecret.updateMany({
      where: { apiClientId: client.id },
      data: { secretHash: legacy },
    });

    const wrong = await callToken({
      authorization: basic(client.clientId, `${secret.slice(0, -2)}xx`),
      form: grant,
      ip: uniqueIp(),
    });
    expect(wrong.res.status).toBe(401);
    const untouched = await db().apiClientSecret.findFirstOrThrow({
      where: { apiClientId: client.id },
    });
    expect(untouched.secretHash).toBe(legacy);

    const first = await callToken({
      authorization: basic(client.clientId, secret),
      form: grant,
      ip: uniqueIp(),
    });
    expect(first.res.status).toBe(200);
    const stored = await db().apiClientSecret.findFirstOrThrow({
      where: { apiClientId: client.id },
    });
    expect(stored.secretHash).toMatch(/^hmac-sha256\$/);

    const again = await callToken({
      authorization: basic(client.clientId, secret),
      form: grant,
      ip: uniqueIp(),
    });
    expect(again.res.status).toBe(200);
    expect(
      (await db().apiClientSecret.findFirstOrThrow({ where: { apiClientId: client.id } }))
        .secretHash,
    ).toBe(stored.secretHash);
  });
});
