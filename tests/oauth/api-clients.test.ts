// API client management: secrets shown once and stored as keyed hashes, scopes bounded by the
// client's kind and by what the creating staff member holds, rotation with overlap, revocation,
// listing, and an audit event in the same transaction as each change.
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { systemActor } from "@/lib/authz/actor";
import { AGENT_SCOPES } from "@/lib/authz/built-in-roles";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { scrubText } from "@/lib/log";
import { AGENT_CLIENT_SCOPES } from "@/lib/oauth/client-scopes";
import {
  generateClientSecret,
  hashClientSecret,
  verifyClientSecret,
} from "@/lib/oauth/client-secret";
import { createApiClient } from "@/lib/oauth/create-api-client";
import { listApiClients } from "@/lib/oauth/list-api-clients";
import { revokeApiClient } from "@/lib/oauth/revoke-api-client";
import { rotateApiClientSecret } from "@/lib/oauth/rotate-api-client-secret";
import { dump, hex, makeAgent, makeLicense, makePipeline, staff } from "./factories";

const system = systemActor("test");

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

describe("client secrets", () => {
  it("have the tgs_ format, hash with a fresh salt each time, verify only the right secret, and are redacted in logs", async () => {
    const secret = generateClientSecret();
    expect(secret).toMatch(/^tgs_[A-Za-z0-9_-]{43}$/);
    const [a, b] = await Promise.all([hashClientSecret(secret), hashClientSecret(secret)]);
    expect(a).toMatch(/^hmac-sha256\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyClientSecret(secret, a)).toBe(true);
    expect(await verifyClientSecret(secret, b)).toBe(true);
    expect(
      await verifyClientSecret(`${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}`, a),
    ).toBe(false);
    expect(await verifyClientSecret(generateClientSecret(), a)).toBe(false);
    expect(await verifyClientSecret(secret, "plain-text")).toBe(false);
    // A previous-scheme (scrypt) hash with absurd parameters is refused, not computed.
    expect(
      await verifyClientSecret(
        secret,
        `scrypt$N=1048577,r=8,p=1$${"A".repeat(22)}$${"A".repeat(43)}`,
      ),
    ).toBe(false);
    expect(scrubText(`leaked ${secret} here`)).toBe("leaked [Redacted] here");
  });

  it("keeps the agent scope tuple equal to the catalogue's agent scopes", () => {
    expect([...AGENT_CLIENT_SCOPES].sort()).toEqual([...AGENT_SCOPES].sort());
  });
});

describe("createApiClient", () => {
  it("returns the secret once, stores only its hash and a hint, binds an agent to its license's customer, and audits", async () => {
    const { customer, license } = await makeLicense();
    const { client, secret } = await createApiClient({
      actor: staff(),
      input: {
        kind: "AGENT",
        name: "Plant 7 agent",
        licenseId: license.id,
        scopes: ["update:check"],
      },
      request: { requestId: `req-${hex()}`, ip: "203.0.113.9" },
    });
    expect(secret).toMatch(/^tgs_[A-Za-z0-9_-]{43}$/);
    expect(client).toMatchObject({
      kind: "AGENT",
      status: "ACTIVE",
      customerId: customer.id,
      licenseId: license.id,
      scopes: ["update:check"],
    });
    expect(client.clientId).toMatch(/^tgc_/);
    expect(client.secrets).toEqual([
      expect.objectContaining({ hint: `tgs_…${secret.slice(-4)}`, live: true, expiresAt: null }),
    ]);
    expect(JSON.stringify(client)).not.toContain(secret);

    const stored = await db().apiClientSecret.findFirstOrThrow({
      where: { apiClientId: client.id },
    });
    expect(stored.secretHash).toMatch(/^hmac-sha256\$/);
    expect(stored.secretHash).not.toContain(secret.slice(4));
    expect(await verifyClientSecret(secret, stored.secretHash)).toBe(true);

    const event = await db().auditEvent.findFirstOrThrow({
      where: { action: "api_clients.created", targetId: client.id },
    });
    expect(event).toMatchObject({ result: "SUCCESS", actorType: "USER", ip: "203.0.113.9" });
    expect(dump(event)).not.toContain(secret);
    expect(event.after).toMatchObject({ clientId: client.clientId, licenseId: license.id });
  });

  it("validates scopes by kind: agents get agent scopes and need a license, pipelines never get agent scopes", async () => {
    const { license } = await makeLicense();
    const cases = [
      { kind: "AGENT", name: "a", scopes: ["update:check"] },
      { kind: "AGENT", name: "a", licenseId: license.id, scopes: ["releases:write"] },
      { kind: "AGENT", name: "a", licenseId: license.id, scopes: [] },
      { kind: "PIPELINE", name: "p", scopes: ["update:check"] },
      { kind: "PIPELINE", name: "p", scopes: ["users:write"] },
      { kind: "PIPELINE", name: "p", scopes: ["releases:read", "releases:read"] },
      { kind: "PIPELINE", name: "p", scopes: ["releases:read"], licenseId: license.id },
    ];
    for (const input of cases) {
      // The casts feed deliberately invalid input past the compiler, as a form or API call could.
      const error = await rejection(createApiClient({ actor: system, input: input as never }));
      expect(error, JSON.stringify(input)).toBeInstanceOf(ZodError);
    }
  });

  it("refuses an agent whose stated customer is not the license's, and an unknown license or boundary", async () => {
    const { license } = await makeLicense();
    const { customer: other } = await makeLicense();
    const mismatch = await rejection(
      createApiClient({
        actor: system,
        input: {
          kind: "AGENT",
          name: "a",
          licenseId: license.id,
          customerId: other.id,
          scopes: ["update:check"],
        },
      }),
    );
    expect(mismatch).toMatchObject({
      code: "validation_failed",
      extra: { errors: [{ path: "customerId" }] },
    });
    const unknown = await rejection(
      createApiClient({
        actor: system,
        input: { kind: "AGENT", name: "a", licenseId: "lic_nope", scopes: ["update:check"] },
      }),
    );
    expect(unknown).toMatchObject({ code: "not_found" });
    const boundary = await rejection(
      createApiClient({
        actor: system,
        input: { kind: "PIPELINE", name: "p", scopes: ["releases:read"], boundaryId: "pbd_nope" },
      }),
    );
    expect(boundary).toMatchObject({ code: "not_found" });
  });

  it("needs api_clients:write, and a staff member can only give a pipeline scopes they hold", async () => {
    const noWrite = await rejection(
      makePipelineAs(staff(["api_clients:read", "releases:read"]), ["releases:read"]),
    );
    expect(noWrite).toBeInstanceOf(AppError);
    expect(noWrite).toMatchObject({ code: "forbidden" });

    const bounded = staff(["api_clients:write", "releases:read", "releases:write"]);
    const escalation = await rejection(
      makePipelineAs(bounded, ["releases:read", "releases:publish"]),
    );
    expect(escalation).toMatchObject({ code: "forbidden" });
    expect((escalation as AppError).message).toContain("releases:publish");
    const allowed = await makePipelineAs(bounded, ["releases:read", "releases:write"]);
    expect(allowed.client.scopes).toEqual(["releases:read", "releases:write"]);

    const customer = {
      ...staff(),
      kind: "CUSTOMER" as const,
      customerId: "cus_x",
      membershipRole: "ADMIN" as const,
    };
    expect(await rejection(makePipelineAs(customer as never, ["releases:read"]))).toMatchObject({
      code: "forbidden",
    });
  });

  it("lets only the SYSTEM seed choose a client id and secret", async () => {
    const clientId = `demo-${hex()}`;
    const byStaff = await rejection(
      createApiClient({
        actor: staff(),
        input: {
          kind: "PIPELINE",
          name: "p",
          scopes: ["releases:read"],
          clientId,
          secret: "demo-pipeline-secret",
        },
      }),
    );
    expect(byStaff).toMatchObject({ code: "forbidden" });
    const seeded = await makePipeline({ clientId, secret: "demo-pipeline-secret" });
    expect(seeded.client.clientId).toBe(clientId);
    expect(seeded.secret).toBe("demo-pipeline-secret");
    const stored = await db().apiClientSecret.findFirstOrThrow({
      where: { apiClientId: seeded.client.id },
    });
    expect(await verifyClientSecret("demo-pipeline-secret", stored.secretHash)).toBe(true);
    const again = await rejection(makePipeline({ clientId, secret: "demo-pipeline-secret" }));
    expect(again).toMatchObject({ code: "P2002" });
  });
});

function makePipelineAs(actor: Parameters<typeof createApiClient>[0]["actor"], scopes: string[]) {
  return createApiClient({
    actor,
    input: { kind: "PIPELINE", name: `p-${hex()}`, scopes: scopes as never },
  });
}

describe("rotateApiClientSecret", () => {
  it("adds a new secret, gives the old ones an expiry at the end of the overlap, and audits", async () => {
    const { client, secret } = await makeAgent();
    const before = Date.now();
    const rotated = await rotateApiClientSecret({
      actor: staff(),
      input: { apiClientId: client.id },
    });
    expect(rotated.secret).toMatch(/^tgs_/);
    expect(rotated.secret).not.toBe(secret);
    const expected = before + 24 * 3600 * 1000;
    expect(rotated.previousSecretsExpireAt.getTime()).toBeGreaterThanOrEqual(expected);
    expect(rotated.previousSecretsExpireAt.getTime()).toBeLessThan(expected + 60_000);
    expect(rotated.client.secrets).toHaveLength(2);
    const [newest, previous] = rotated.client.secrets;
    expect(newest).toMatchObject({
      hint: `tgs_…${rotated.secret.slice(-4)}`,
      expiresAt: null,
      live: true,
    });
    expect(previous).toMatchObject({
      hint: `tgs_…${secret.slice(-4)}`,
      expiresAt: rotated.previousSecretsExpireAt,
      live: true,
    });

    // A second rotation never extends the first one's overlap.
    const again = await rotateApiClientSecret({
      actor: staff(),
      input: { apiClientId: client.id, overlapSeconds: 3600 * 48 },
    });
    const oldest = again.client.secrets.at(-1);
    expect(oldest?.expiresAt).toEqual(rotated.previousSecretsExpireAt);

    const events = await db().auditEvent.findMany({
      where: { action: "api_clients.secret_rotated", targetId: client.id },
    });
    expect(events).toHaveLength(2);
    expect(dump(events)).not.toContain(rotated.secret);
  });

  it("refuses a revoked or unknown client, and needs api_clients:write", async () => {
    const { client } = await makeAgent();
    await revokeApiClient({ actor: system, input: { apiClientId: client.id } });
    expect(
      await rejection(rotateApiClientSecret({ actor: system, input: { apiClientId: client.id } })),
    ).toMatchObject({ code: "conflict" });
    expect(
      await rejection(rotateApiClientSecret({ actor: system, input: { apiClientId: "cli_nope" } })),
    ).toMatchObject({ code: "not_found" });
    const { client: other } = await makeAgent();
    expect(
      await rejection(
        rotateApiClientSecret({
          actor: staff(["api_clients:read"]),
          input: { apiClientId: other.id },
        }),
      ),
    ).toMatchObject({
      code: "forbidden",
    });
  });
});

describe("revokeApiClient", () => {
  it("revokes the client and every secret, once, with an audit event", async () => {
    const { client } = await makeAgent();
    await rotateApiClientSecret({ actor: system, input: { apiClientId: client.id } });
    const revoked = await revokeApiClient({
      actor: staff(),
      input: { apiClientId: client.id, reason: "laptop stolen" },
    });
    expect(revoked.status).toBe("REVOKED");
    expect(revoked.revokedAt).not.toBeNull();
    expect(revoked.effectiveScopes).toEqual([]);
    expect(revoked.secrets.every((s) => s.revokedAt !== null && !s.live)).toBe(true);
    expect(
      await db().apiClientSecret.count({ where: { apiClientId: client.id, revokedAt: null } }),
    ).toBe(0);
    const event = await db().auditEvent.findFirstOrThrow({
      where: { action: "api_clients.revoked", targetId: client.id },
    });
    expect(event).toMatchObject({ reason: "laptop stolen", actorType: "USER" });
    expect(event.before).toMatchObject({ status: "ACTIVE" });
    expect(event.after).toMatchObject({ status: "REVOKED" });
    expect(
      await rejection(revokeApiClient({ actor: system, input: { apiClientId: client.id } })),
    ).toMatchObject({ code: "conflict" });
  });
});

describe("listApiClients", () => {
  it("lists one customer's clients or all of them, and needs api_clients:read", async () => {
    const a = await makeAgent();
    const b = await makeAgent();
    const pipeline = await makePipeline();
    const mine = await listApiClients({
      actor: staff(["api_clients:read"]),
      input: { customerId: a.customer.id },
    });
    expect(mine.map((c) => c.id)).toEqual([a.client.id]);
    const all = await listApiClients({ actor: staff(["api_clients:read"]), input: { take: 500 } });
    const ids = all.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([a.client.id, b.client.id, pipeline.client.id]));
    expect(JSON.stringify(all)).not.toMatch(/hmac-sha256\$|scrypt\$/);
    const pipelines = await listApiClients({
      actor: system,
      input: { kind: "PIPELINE", take: 500 },
    });
    expect(pipelines.every((c) => c.kind === "PIPELINE")).toBe(true);
    expect(await rejection(listApiClients({ actor: staff(["releases:read"]) }))).toMatchObject({
      code: "forbidden",
    });
  });
});
