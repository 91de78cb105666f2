// The one guard core (lib/http/guards.ts) as routes see it: the staff network gate runs before
// anything else, and the per-address rate limit runs before authentication on every route,
// whatever the route declares, so a flood of bad credentials is answered 429, not 401 forever.
import { randomInt, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { env, resetEnvForTests } from "@/lib/env";
import { defineRoute, json } from "@/lib/http/route";
import { freshWindow } from "../ratelimit/helpers";

// This file's process runs with a small per-address budget (each test file has its own process).
process.env.RATE_LIMIT_IP_PER_MINUTE = "3";
resetEnvForTests();

const group = () => (0x1000 + randomInt(0xf000)).toString(16);
const uniqueIp = () => `2001:db8:${group()}:${group()}::9`;
const noParams = { params: Promise.resolve({}) };

// Declares only a per-client limit: the per-address one applies anyway, before the token check.
const pipelineRoute = defineRoute({
  name: "test.pipeline_only",
  access: { kind: "client", scope: "releases:write" },
  rateLimit: ["client"],
  handler: async ({ actor }) => json({ client: actor.clientId }),
});

const staffRoute = defineRoute({
  name: "test.guarded_staff",
  access: { kind: "staff", permission: "audit:read" },
  handler: async ({ actor }) => json({ email: actor.email }),
});

describe("the guard core", () => {
  it(
    "answers a flood of bad bearer tokens from one address with 429 before checking them",
    { timeout: 90_000 },
    async () => {
      expect(env().RATE_LIMIT_IP_PER_MINUTE).toBe(3);
      const ip = uniqueIp();
      await freshWindow(60_000, 10_000);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await pipelineRoute(
          new Request("http://localhost/api/releases", {
            method: "POST",
            headers: { authorization: `Bearer bad.token.${i}`, "x-tollgate-peer": ip },
          }),
          noParams,
        );
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    },
  );

  it("applies the staff network gate before authentication, audited once as auth.ip_blocked", async () => {
    const requestId = randomUUID();
    const res = await staffRoute(
      new Request("http://localhost/api/admin/x", {
        headers: {
          "x-request-id": requestId,
          "x-tollgate-peer": "203.0.113.77",
          cookie: "tollgate.session=not-a-real-session",
        },
      }),
      noParams,
    );
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const events = await db().auditEvent.findMany({ where: { requestId } });
    expect(events.map((e) => [e.action, e.ip])).toEqual([["auth.ip_blocked", "203.0.113.77"]]);
  });
});
