// The guard chain's rate limit step end to end: a route declaring a policy answers 429
// problem+json with the standard headers once the budget is spent, audits the refusal, and
// serves again after the window.
import { randomInt } from "node:crypto";
import type { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import type { ClientActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { env, resetEnvForTests } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { requestContext } from "@/lib/http/request-context";
import { defineRoute, json } from "@/lib/http/route";
import { enforceRateLimits } from "@/lib/ratelimit/enforce";
import { RateLimiter } from "@/lib/ratelimit/limiter";
import type { RateLimitConfig } from "@/lib/ratelimit/policies";
import { createRedisConnection } from "@/lib/ratelimit/redis-connection";
import { freshWindow, uniquePrefix, waitUntil } from "./helpers";

// This file's process runs with a small per-address budget (each test file has its own process).
process.env.RATE_LIMIT_IP_PER_MINUTE = "3";
resetEnvForTests();

const ping = defineRoute({
  name: "test.rate_limited_ping",
  access: { kind: "public", reason: "test" },
  rateLimit: ["ip"],
  handler: async () => json({ ok: true }),
});

const connections: Redis[] = [];
const connect = () => {
  const connection = createRedisConnection(env().REDIS_URL ?? "redis://127.0.0.1:6379");
  connections.push(connection);
  return connection;
};
afterAll(() => connections.forEach((c) => c.disconnect()));

const group = () => (0x1000 + randomInt(0xf000)).toString(16);
const uniqueIp = () => `2001:db8:${group()}:${group()}::7`;
let seq = 0;
const call = (ip: string) =>
  ping(
    new Request("http://localhost/api/ping", {
      headers: { "x-tollgate-peer": ip, "x-request-id": `req-rl-${Date.now()}-${seq++}` },
    }),
    {
      params: Promise.resolve({}),
    },
  );

describe("rate limits in the guard chain", () => {
  it(
    "counts down in RateLimit-* headers, then answers 429 problem+json with Retry-After and audits it",
    { timeout: 90_000 },
    async () => {
      expect(env().RATE_LIMIT_IP_PER_MINUTE).toBe(3);
      const ip = uniqueIp();
      await freshWindow(60_000, 10_000);
      const allowed = [await call(ip), await call(ip), await call(ip)];
      expect(allowed.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(allowed.map((r) => r.headers.get("ratelimit-remaining"))).toEqual(["2", "1", "0"]);
      expect(
        allowed.every(
          (r) => r.headers.get("ratelimit-limit") === "3" && r.headers.get("retry-after") === null,
        ),
      ).toBe(true);

      const refused = await call(ip);
      expect(refused.status).toBe(429);
      expect(refused.headers.get("content-type")).toBe("application/problem+json");
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.headers.get("ratelimit-reset")).toBe(String(retryAfter));
      expect(refused.headers.get("ratelimit-remaining")).toBe("0");
      expect(await refused.json()).toMatchObject({ status: 429, code: "rate_limited" });
      const requestId = refused.headers.get("x-request-id") ?? "";
      expect(await db().auditEvent.findFirst({ where: { requestId } })).toMatchObject({
        action: "ratelimit.exceeded",
        result: "FAILURE",
      });

      // Another address is unaffected.
      expect((await call(uniqueIp())).status).toBe(200);
    },
  );

  it("serves again after the window (a one-second window here)", async () => {
    const limiter = new RateLimiter({ redis: connect(), prefix: uniquePrefix() });
    const config: RateLimitConfig = {
      windowMs: 1000,
      perWindow: { token: 1, update: 1, ip: 2, client: 1, license: 1 },
    };
    const subject = {
      ctx: requestContext(new Headers({ "x-tollgate-peer": "198.51.100.9" })),
      actor: null,
    };
    await freshWindow(1000, 600);
    await enforceRateLimits(["ip"], subject, { limiter, config });
    await enforceRateLimits(["ip"], subject, { limiter, config });
    const refusal = await enforceRateLimits(["ip"], subject, { limiter, config }).catch(
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe("rate_limited");
    await waitUntil(Math.ceil(Date.now() / 1000) * 1000);
    const again = await enforceRateLimits(["ip"], subject, { limiter, config });
    expect(again.headers).toMatchObject({ "ratelimit-limit": "2", "ratelimit-remaining": "1" });
  });

  it("counts every agent of one license against the license's budget", async () => {
    const limiter = new RateLimiter({ redis: connect(), prefix: uniquePrefix() });
    const config: RateLimitConfig = {
      windowMs: 60_000,
      perWindow: { token: 9, update: 9, ip: 9, client: 9, license: 3 },
    };
    const agent = (n: number): ClientActor => ({
      type: "AGENT",
      apiClientId: `cli_${n}`,
      clientId: `agent-${n}`,
      customerId: "cus_x",
      licenseId: "lic_shared",
      roles: ["client:agent"],
      permissions: new Set(["update:check"]),
    });
    const ctx = requestContext(new Headers({ "x-tollgate-peer": "198.51.100.10" }));
    await freshWindow(60_000, 5_000);
    for (const n of [1, 2, 3])
      await enforceRateLimits(["update", "license"], { ctx, actor: agent(n) }, { limiter, config });
    await expect(
      enforceRateLimits(["update", "license"], { ctx, actor: agent(4) }, { limiter, config }),
    ).rejects.toMatchObject({ code: "rate_limited" });
  });
});
