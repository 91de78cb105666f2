// Bearer authentication for client routes: the token must be ours, for this API and unexpired,
// and the client behind it still active; the actor holds the token's scopes that the client still
// holds now.
import { generateKeyPairSync } from "node:crypto";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { requestContext } from "@/lib/http/request-context";
import { defineRoute, json } from "@/lib/http/route";
import { signAccessToken } from "@/lib/oauth/access-token";
import { authenticateBearer } from "@/lib/oauth/authenticate-bearer";
import { revokeApiClient } from "@/lib/oauth/revoke-api-client";
import { getToken, hex, makeAgent, makePipeline, uniqueIp } from "./factories";

const ctx = () => requestContext(new Headers({ "x-request-id": `req-${hex(8)}` }));
const bearer = (token: string) => new Headers({ authorization: `Bearer ${token}` });

async function refusal(headers: Headers): Promise<AppError> {
  const error = await authenticateBearer(headers, ctx()).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

function expectInvalidToken(error: AppError, message: RegExp) {
  expect(error.status).toBe(401);
  expect(error.message).toMatch(message);
  expect(error.extra.headers?.["www-authenticate"]).toMatch(
    /^Bearer realm="tollgate", error="invalid_token"/,
  );
}

describe("authenticateBearer", () => {
  it("turns a valid agent token into an AGENT actor bound to its license", async () => {
    const { client, secret, license, customer } = await makeAgent();
    const actor = await authenticateBearer(bearer(await getToken(client.clientId, secret)), ctx());
    expect(actor).toMatchObject({
      type: "AGENT",
      apiClientId: client.id,
      clientId: client.clientId,
      licenseId: license.id,
      customerId: customer.id,
      roles: ["client:agent"],
    });
    expect([...actor.permissions].sort()).toEqual(["update:check", "update:download"]);
  });

  it("turns a pipeline token into a SERVICE actor holding only the scopes the token carries", async () => {
    const { client, secret } = await makePipeline({ scopes: ["releases:read", "releases:write"] });
    const actor = await authenticateBearer(
      bearer(await getToken(client.clientId, secret, "releases:read")),
      ctx(),
    );
    expect(actor).toMatchObject({
      type: "SERVICE",
      roles: ["client:pipeline"],
      licenseId: null,
      customerId: null,
    });
    expect([...actor.permissions]).toEqual(["releases:read"]);
  });

  it("asks for a token, without an error code, when none is sent", async () => {
    const error = await refusal(new Headers());
    expect(error.status).toBe(401);
    expect(error.extra.headers?.["www-authenticate"]).toBe('Bearer realm="tollgate"');
    expectInvalidToken(
      await refusal(new Headers({ authorization: "Basic Zm9vOmJhcg==" })),
      /not a bearer token/,
    );
  });

  it("refuses an expired token", async () => {
    const { client } = await makeAgent();
    const { token } = await signAccessToken({
      clientId: client.clientId,
      apiClientId: client.id,
      scopes: ["update:check"],
      now: new Date(Date.now() - 3600_000),
      ttlSeconds: 60,
    });
    expectInvalidToken(await refusal(bearer(token)), /expired/);
  });

  it("accepts a token that expired within the clock tolerance", async () => {
    const { client } = await makeAgent();
    const { token } = await signAccessToken({
      clientId: client.clientId,
      apiClientId: client.id,
      scopes: ["update:check"],
      now: new Date(Date.now() - 62_000),
      ttlSeconds: 60,
    });
    await expect(authenticateBearer(bearer(token), ctx())).resolves.toMatchObject({
      apiClientId: client.id,
    });
  });

  it("refuses a token for another audience or issuer, or of another type", async () => {
    const { client } = await makeAgent();
    const key = env().TOKEN_SIGNING_KEY;
    const { createPrivateKey } = await import("node:crypto");
    const sign = (mutate: (jwt: SignJWT) => SignJWT, typ = "at+jwt") =>
      mutate(
        new SignJWT({ cid: client.id, scope: "update:check" })
          .setProtectedHeader({ alg: "EdDSA", typ })
          .setSubject(client.clientId)
          .setJti(hex())
          .setIssuedAt()
          .setExpirationTime("5m"),
      ).sign(createPrivateKey(key));
    const good = await sign((j) => j.setIssuer(env().APP_URL).setAudience("tollgate-api"));
    await expect(authenticateBearer(bearer(good), ctx())).resolves.toMatchObject({
      apiClientId: client.id,
    });
    expectInvalidToken(
      await refusal(bearer(await sign((j) => j.setIssuer(env().APP_URL).setAudience("other-api")))),
      /not valid/,
    );
    expectInvalidToken(
      await refusal(
        bearer(await sign((j) => j.setIssuer("https://evil.example").setAudience("tollgate-api"))),
      ),
      /not valid/,
    );
    expectInvalidToken(
      await refusal(
        bearer(await sign((j) => j.setIssuer(env().APP_URL).setAudience("tollgate-api"), "JWT")),
      ),
      /not valid/,
    );
  });

  it("refuses a tampered signature, a tampered payload and a token signed by another key", async () => {
    const { client, secret } = await makeAgent({ scopes: ["update:check"] });
    const token = await getToken(client.clientId, secret);
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const flipped = `${signature.slice(0, 10)}${signature[10] === "A" ? "B" : "A"}${signature.slice(11)}`;
    expectInvalidToken(await refusal(bearer(`${header}.${payload}.${flipped}`)), /not valid/);

    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<
      string,
      unknown
    >;
    const widened = Buffer.from(
      JSON.stringify({ ...claims, scope: "update:check update:download releases:publish" }),
    ).toString("base64url");
    expectInvalidToken(await refusal(bearer(`${header}.${widened}.${signature}`)), /not valid/);

    const foreign = generateKeyPairSync("ed25519").privateKey;
    const forged = await new SignJWT({ cid: client.id, scope: "update:check" })
      .setProtectedHeader({ alg: "EdDSA", typ: "at+jwt" })
      .setIssuer(env().APP_URL)
      .setAudience("tollgate-api")
      .setSubject(client.clientId)
      .setJti(hex())
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(foreign);
    expectInvalidToken(await refusal(bearer(forged)), /not valid/);
  });

  it("refuses a token whose client was revoked after issuance", async () => {
    const { client, secret } = await makeAgent();
    const token = await getToken(client.clientId, secret);
    await expect(authenticateBearer(bearer(token), ctx())).resolves.toMatchObject({
      apiClientId: client.id,
    });
    await revokeApiClient({ actor: systemActor("test"), input: { apiClientId: client.id } });
    expectInvalidToken(await refusal(bearer(token)), /revoked/);
  });

  it("drops a scope taken from the client after issuance, and what its boundary no longer allows", async () => {
    const { client, secret } = await makePipeline({
      scopes: ["releases:read", "releases:write", "releases:publish"],
    });
    const token = await getToken(client.clientId, secret);
    await db().apiClient.update({
      where: { id: client.id },
      data: { scopes: ["releases:read", "releases:write"] },
    });
    const narrowed = await authenticateBearer(bearer(token), ctx());
    expect([...narrowed.permissions].sort()).toEqual(["releases:read", "releases:write"]);

    const boundary = await db().permissionBoundary.create({
      data: { name: `b-${hex()}`, permissions: ["releases:read"] },
    });
    await db().apiClient.update({ where: { id: client.id }, data: { boundaryId: boundary.id } });
    expect([...(await authenticateBearer(bearer(token), ctx())).permissions]).toEqual([
      "releases:read",
    ]);
  });

  it("refuses a token whose subject does not match its client row", async () => {
    const { client } = await makeAgent();
    const { token } = await signAccessToken({
      clientId: "someone-else",
      apiClientId: client.id,
      scopes: ["update:check"],
    });
    expectInvalidToken(await refusal(bearer(token)), /not valid/);
  });

  it("records lastUsedAt at most once a minute", async () => {
    const { client, secret } = await makeAgent();
    const token = await getToken(client.clientId, secret);
    const recent = new Date(Date.now() - 10_000);
    await db().apiClient.update({ where: { id: client.id }, data: { lastUsedAt: recent } });
    await authenticateBearer(bearer(token), ctx());
    expect(
      (await db().apiClient.findUniqueOrThrow({ where: { id: client.id } })).lastUsedAt,
    ).toEqual(recent);

    const stale = new Date(Date.now() - 120_000);
    await db().apiClient.update({ where: { id: client.id }, data: { lastUsedAt: stale } });
    const before = Date.now();
    await authenticateBearer(bearer(token), ctx());
    const after = (await db().apiClient.findUniqueOrThrow({ where: { id: client.id } })).lastUsedAt;
    expect(after?.getTime()).toBeGreaterThanOrEqual(before - 1);
  });

  it("guards a client route: 401 problem+json with the challenge, 403 without the scope, 200 with it", async () => {
    const route = defineRoute({
      name: "test.update_check",
      access: { kind: "client", scope: "update:check" },
      handler: async ({ actor }) =>
        json({ actor: "apiClientId" in actor ? actor.apiClientId : null }),
    });
    const call = (authorization?: string) =>
      route(
        new Request("http://localhost/api/test", {
          headers: {
            "x-tollgate-peer": uniqueIp(),
            "x-request-id": `req-${hex(8)}`,
            ...(authorization ? { authorization } : {}),
          },
        }),
        { params: Promise.resolve({}) },
      );
    const { client, secret } = await makeAgent({ scopes: ["update:check", "update:download"] });

    const bad = await call("Bearer not.a.jwt");
    expect(bad.status).toBe(401);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
    expect(bad.headers.get("www-authenticate")).toMatch(/error="invalid_token"/);

    const downloadOnly = await call(
      `Bearer ${await getToken(client.clientId, secret, "update:download")}`,
    );
    expect(downloadOnly.status).toBe(403);

    const ok = await call(`Bearer ${await getToken(client.clientId, secret, "update:check")}`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ actor: client.id });
  });
});
