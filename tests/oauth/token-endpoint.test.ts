// POST /api/oauth/token, called through its exported handler with real Requests: every way a
// token request succeeds or fails, and the audit event each attempt leaves.
import { decodeJwt, decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { revokeApiClient } from "@/lib/oauth/revoke-api-client";
import { rotateApiClientSecret } from "@/lib/oauth/rotate-api-client-secret";
import {
  basic,
  callToken,
  dump,
  hex,
  makeAgent,
  makePipeline,
  startOfFreshWindow,
  uniqueIp,
} from "./factories";

const grant = { grant_type: "client_credentials" };

async function auditOf(requestId: string) {
  return db().auditEvent.findMany({ where: { requestId } });
}

async function expectRefusalAudited(requestId: string, reason: string | RegExp, error: string) {
  const events = await auditOf(requestId);
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({
    action: "oauth.token_refused",
    result: "FAILURE",
    actorType: "ANONYMOUS",
  });
  expect(events[0]?.reason).toMatch(reason);
  expect(events[0]?.metadata).toMatchObject({ error });
  return events[0];
}

describe("POST /api/oauth/token", () => {
  it("issues a token to an agent authenticating with HTTP Basic, and audits it", async () => {
    const { client, secret, license } = await makeAgent();
    const ip = uniqueIp();
    const { res, body, requestId } = await callToken({
      authorization: basic(client.clientId, secret),
      form: grant,
      ip,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("pragma")).toBe("no-cache");
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("ratelimit-limit")).toBe(String(env().RATE_LIMIT_TOKEN_PER_MINUTE));
    expect(body).toMatchObject({
      token_type: "Bearer",
      expires_in: env().TOKEN_TTL,
      scope: "update:check update:download",
    });

    const token = String(body.access_token);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: "EdDSA", typ: "at+jwt" });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      iss: env().APP_URL,
      aud: "tollgate-api",
      sub: client.clientId,
      cid: client.id,
      scope: "update:check update:download",
    });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(env().TOKEN_TTL);
    expect(typeof claims.jti).toBe("string");

    const [event] = await auditOf(requestId);
    expect(event).toMatchObject({
      action: "oauth.token_issued",
      result: "SUCCESS",
      actorType: "AGENT",
      actorId: client.id,
      ip,
      targetId: client.id,
    });
    expect(event?.metadata).toMatchObject({
      clientId: client.clientId,
      authMethod: "client_secret_basic",
      jti: claims.jti,
    });
    expect(dump(event)).not.toContain(secret);
    const row = await db().apiClient.findUniqueOrThrow({ where: { id: client.id } });
    expect(row.lastUsedAt).not.toBeNull();
    expect(row.licenseId).toBe(license.id);
  });

  it("issues a token with client_secret_post and narrows it to the requested scope", async () => {
    const { client, secret } = await makePipeline({
      scopes: ["releases:read", "releases:write", "artifacts:write"],
    });
    const { res, body, requestId } = await callToken({
      form: {
        ...grant,
        client_id: client.clientId,
        client_secret: secret,
        scope: "releases:read artifacts:write",
      },
    });
    expect(res.status).toBe(200);
    expect(body.scope).toBe("releases:read artifacts:write");
    expect(decodeJwt(String(body.access_token)).scope).toBe("releases:read artifacts:write");
    const [event] = await auditOf(requestId);
    expect(event).toMatchObject({ action: "oauth.token_issued", actorType: "SERVICE" });
    expect(event?.metadata).toMatchObject({ authMethod: "client_secret_post" });
  });

  it("decodes form-urlencoded Basic credentials (RFC 6749 §2.3.1)", async () => {
    const clientId = `seed.client_${hex()}`;
    const secret = "s3cret+with:colon%and space!";
    await makePipeline({ clientId, secret: secret.replace(/ /g, "_") });
    const { res } = await callToken({
      authorization: basic(clientId, secret.replace(/ /g, "_")),
      form: grant,
    });
    expect(res.status).toBe(200);
  });

  it("refuses a wrong secret with invalid_client, a Basic challenge, and the reason in the audit only", async () => {
    const { client } = await makeAgent();
    const { res, body, requestId } = await callToken({
      authorization: basic(client.clientId, `tgs_${"x".repeat(43)}`),
      form: grant,
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Basic realm="tollgate"');
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(body).toEqual({
      error: "invalid_client",
      error_description: "Client authentication failed.",
    });
    const event = await expectRefusalAudited(requestId, "wrong secret", "invalid_client");
    expect(event).toMatchObject({ targetId: client.id });
    expect(event?.metadata).toMatchObject({
      clientId: client.clientId,
      authMethod: "client_secret_basic",
    });
  });

  it("answers an unknown client exactly like a wrong secret", async () => {
    const clientId = `nobody-${hex()}`;
    const { res, body, requestId } = await callToken({
      form: { ...grant, client_id: clientId, client_secret: "whatever-secret" },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Basic realm="tollgate"');
    expect(body).toEqual({
      error: "invalid_client",
      error_description: "Client authentication failed.",
    });
    const event = await expectRefusalAudited(requestId, "unknown client", "invalid_client");
    expect(event).toMatchObject({ targetId: null });
    expect(event?.metadata).toMatchObject({ clientId });
  });

  it("refuses a revoked client, even with its once-valid secret", async () => {
    const { client, secret } = await makeAgent();
    expect(
      (await callToken({ authorization: basic(client.clientId, secret), form: grant })).res.status,
    ).toBe(200);
    await revokeApiClient({ actor: systemActor("test"), input: { apiClientId: client.id } });
    const { res, body, requestId } = await callToken({
      authorization: basic(client.clientId, secret),
      form: grant,
    });
    expect(res.status).toBe(401);
    expect(body.error).toBe("invalid_client");
    await expectRefusalAudited(requestId, "client revoked", "invalid_client");
  });

  it("refuses two client authentication methods at once", async () => {
    const { client, secret } = await makeAgent();
    const { res, body, requestId } = await callToken({
      authorization: basic(client.clientId, secret),
      form: { ...grant, client_id: client.clientId, client_secret: secret },
    });
    expect(res.status).toBe(400);
    expect(body.error).toBe("invalid_request");
    await expectRefusalAudited(requestId, /one client authentication method/, "invalid_request");
  });

  it("refuses a request without credentials with invalid_client", async () => {
    const { res, body, requestId } = await callToken({ form: grant });
    expect(res.status).toBe(401);
    expect(body.error).toBe("invalid_client");
    await expectRefusalAudited(requestId, "no client credentials", "invalid_client");
  });

  it("requires grant_type", async () => {
    const { client, secret } = await makeAgent();
    const { res, body, requestId } = await callToken({
      authorization: basic(client.clientId, secret),
      form: { scope: "update:check" },
    });
    expect(res.status).toBe(400);
    expect(body).toEqual({
      error: "invalid_request",
      error_description: "grant_type is required.",
    });
    await expectRefusalAudited(requestId, "grant_type is required.", "invalid_request");
  });

  it("supports only the client_credentials grant", async () => {
    const { client, secret } = await makeAgent();
    const { res, body, requestId } = await callToken({
      authorization: basic(client.clientId, secret),
      form: { grant_type: "password", username: "a", password: "b" },
    });
    expect(res.status).toBe(400);
    expect(body.error).toBe("unsupported_grant_type");
    await expectRefusalAudited(
      requestId,
      "unsupported grant_type password",
      "unsupported_grant_type",
    );
  });

  it("refuses a scope the client does not hold, an unknown scope, and a malformed one", async () => {
    const { client, secret } = await makeAgent({ scopes: ["update:check"] });
    for (const scope of [
      "update:download",
      "releases:publish",
      "update:check admin",
      'update:check "quoted"',
    ]) {
      const { res, body, requestId } = await callToken({
        authorization: basic(client.clientId, secret),
        form: { ...grant, scope },
      });
      expect(res.status, scope).toBe(400);
      expect(body.error, scope).toBe("invalid_scope");
      await expectRefusalAudited(requestId, /scope/, "invalid_scope");
    }
    const { res, body } = await callToken({
      authorization: basic(client.clientId, secret),
      form: { ...grant, scope: "update:check" },
    });
    expect(res.status).toBe(200);
    expect(body.scope).toBe("update:check");
  });

  it("grants only what the client's boundary allows", async () => {
    const boundary = await db().permissionBoundary.create({
      data: { name: `read-only-${hex()}`, permissions: ["releases:read"] },
    });
    const { client, secret } = await makePipeline({
      scopes: ["releases:read", "releases:write"],
      boundaryId: boundary.id,
    });
    const ok = await callToken({ authorization: basic(client.clientId, secret), form: grant });
    expect(ok.body.scope).toBe("releases:read");
    const refused = await callToken({
      authorization: basic(client.clientId, secret),
      form: { ...grant, scope: "releases:write" },
    });
    expect(refused.res.status).toBe(400);
    expect(refused.body.error).toBe("invalid_scope");
  });

  it("answers a body that is not a form with 415 in the OAuth error format", async () => {
    const { client, secret } = await makeAgent();
    const { res, body, requestId } = await callToken({
      authorization: basic(client.clientId, secret),
      contentType: "application/json",
      form: JSON.stringify(grant),
    });
    expect(res.status).toBe(415);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(body.error).toBe("invalid_request");
    await expectRefusalAudited(requestId, /x-www-form-urlencoded/, "invalid_request");
  });

  it("refuses an oversized body with 413 before authenticating", async () => {
    const { client, secret } = await makeAgent();
    const { res, body, requestId } = await callToken({
      authorization: basic(client.clientId, secret),
      form: `grant_type=client_credentials&scope=${"a".repeat(5000)}`,
    });
    expect(res.status).toBe(413);
    expect(body.error).toBe("invalid_request");
    await expectRefusalAudited(requestId, /exceeds 4096 bytes/, "invalid_request");
  });

  it("refuses a repeated parameter", async () => {
    const { client, secret } = await makeAgent();
    const { res, body } = await callToken({
      authorization: basic(client.clientId, secret),
      form: "grant_type=client_credentials&grant_type=client_credentials",
    });
    expect(res.status).toBe(400);
    expect(body.error).toBe("invalid_request");
  });

  it("keeps the old secret working during a rotation's overlap, and not after", async () => {
    const { client, secret: oldSecret } = await makeAgent();
    const rotated = await rotateApiClientSecret({
      actor: systemActor("test"),
      input: { apiClientId: client.id, overlapSeconds: 1 },
    });
    expect(rotated.secret).not.toBe(oldSecret);
    expect(
      (await callToken({ authorization: basic(client.clientId, oldSecret), form: grant })).res
        .status,
    ).toBe(200);
    expect(
      (await callToken({ authorization: basic(client.clientId, rotated.secret), form: grant })).res
        .status,
    ).toBe(200);

    await new Promise((resolve) =>
      setTimeout(
        resolve,
        Math.max(0, rotated.previousSecretsExpireAt.getTime() - Date.now()) + 100,
      ),
    );
    const late = await callToken({ authorization: basic(client.clientId, oldSecret), form: grant });
    expect(late.res.status).toBe(401);
    await expectRefusalAudited(late.requestId, "wrong secret", "invalid_client");
    expect(
      (await callToken({ authorization: basic(client.clientId, rotated.secret), form: grant })).res
        .status,
    ).toBe(200);
  });

  it("ends the old secret at once when rotated without overlap", async () => {
    const { client, secret: oldSecret } = await makeAgent();
    const rotated = await rotateApiClientSecret({
      actor: systemActor("test"),
      input: { apiClientId: client.id, overlapSeconds: 0 },
    });
    expect(
      (await callToken({ authorization: basic(client.clientId, oldSecret), form: grant })).res
        .status,
    ).toBe(401);
    expect(
      (await callToken({ authorization: basic(client.clientId, rotated.secret), form: grant })).res
        .status,
    ).toBe(200);
  });

  // Not per client id: see token-lockout.test.ts.
  it("rate limits token requests per source address, with problem+json and Retry-After", async () => {
    const limit = env().RATE_LIMIT_TOKEN_PER_MINUTE;
    await startOfFreshWindow();
    const ip = uniqueIp();
    for (let i = 0; i < limit; i++) {
      const { res } = await callToken({
        ip,
        form: { ...grant, client_id: `spray-${hex()}`, client_secret: "nope-nope-nope" },
      });
      expect(res.status).toBe(401);
    }
    const blocked = await callToken({
      ip,
      form: { ...grant, client_id: `spray-${hex()}`, client_secret: "nope-nope-nope" },
    });
    expect(blocked.res.status).toBe(429);
    expect(blocked.res.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(blocked.res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(blocked.res.headers.get("ratelimit-remaining")).toBe("0");
    expect(await auditOf(blocked.requestId)).toEqual([
      expect.objectContaining({ action: "ratelimit.exceeded", ip }),
    ]);
  }, 90_000);
});
