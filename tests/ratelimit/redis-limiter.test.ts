// The rate limiter against the real Redis: @upstash/ratelimit through the ioredis shim, one budget
// shared by independent instances, windows that reset, and the fallback when Redis is down.
import { Ratelimit, type RatelimitConfig } from "@upstash/ratelimit";
import type { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { describeRateLimitBackend } from "@/lib/ratelimit/describe-backend";
import { enforceRateLimits } from "@/lib/ratelimit/enforce";
import { RateLimiter } from "@/lib/ratelimit/limiter";
import { createRedisConnection } from "@/lib/ratelimit/redis-connection";
import { RatelimitRedisShim } from "@/lib/ratelimit/redis-script-shim";
import { requestContext } from "@/lib/http/request-context";
import { capturingLogger, closedPort, freshWindow, uniquePrefix, waitUntil } from "./helpers";

const redisUrl = () => env().REDIS_URL ?? "redis://127.0.0.1:6379";
const connections: Redis[] = [];
function connect(url = redisUrl()): Redis {
  const connection = createRedisConnection(url);
  connections.push(connection);
  return connection;
}

afterAll(() => {
  for (const c of connections) c.disconnect();
});

describe("the ioredis shim for @upstash/ratelimit", () => {
  it("runs the library's fixed and sliding window scripts on plain Redis, and survives a script cache flush", async () => {
    const connection = connect();
    const shim = new RatelimitRedisShim(connection);
    const redis = shim as unknown as RatelimitConfig["redis"];
    for (const limiter of [Ratelimit.fixedWindow(3, "30 s"), Ratelimit.slidingWindow(3, "30 s")]) {
      const rl = new Ratelimit({
        redis,
        limiter,
        prefix: uniquePrefix(),
        ephemeralCache: false,
        timeout: 0,
        enableTelemetry: false,
      });
      const outcomes = [];
      for (let i = 0; i < 4; i++) outcomes.push(await rl.limit("subject"));
      expect(outcomes.map((o) => o.success)).toEqual([true, true, true, false]);
      expect(outcomes.map((o) => o.remaining)).toEqual([2, 1, 0, 0]);
    }
    // After a Redis restart or SCRIPT FLUSH the real sha is gone: the shim reloads the script.
    await connection.script("FLUSH");
    const rl = new Ratelimit({
      redis,
      limiter: Ratelimit.fixedWindow(1, "30 s"),
      prefix: uniquePrefix(),
      ephemeralCache: false,
      timeout: 0,
    });
    expect((await rl.limit("subject")).success).toBe(true);
    expect((await rl.limit("subject")).success).toBe(false);
  });
});

describe("RateLimiter over Redis", () => {
  it(
    "shares one budget between two app instances with their own connections",
    { timeout: 90_000 },
    async () => {
      const prefix = uniquePrefix();
      const a = new RateLimiter({ redis: connect(), prefix });
      const b = new RateLimiter({ redis: connect(), prefix });
      const window = { key: "client:cli_shared", limit: 5, windowMs: 60_000 };
      const outcomes = [];
      await freshWindow(60_000, 5_000);
      for (let i = 0; i < 6; i++) outcomes.push(await (i % 2 === 0 ? a : b).limit(window));
      expect(outcomes.map((o) => o.backend)).toEqual(Array(6).fill("redis"));
      expect(outcomes.map((o) => o.success)).toEqual([true, true, true, true, true, false]);
      expect(outcomes.map((o) => o.remaining)).toEqual([4, 3, 2, 1, 0, 0]);
      // Another prefix (another deployment) has a budget of its own.
      const c = new RateLimiter({ redis: connect(), prefix: uniquePrefix() });
      expect((await c.limit(window)).success).toBe(true);
    },
  );

  it("lets requests through again once the window has passed", async () => {
    const limiter = new RateLimiter({ redis: connect(), prefix: uniquePrefix() });
    const window = { key: "ip:198.51.100.1", limit: 2, windowMs: 1000 };
    await freshWindow(1000, 600);
    const first = [
      await limiter.limit(window),
      await limiter.limit(window),
      await limiter.limit(window),
    ];
    expect(first.map((r) => r.success)).toEqual([true, true, false]);
    const refused = first[2];
    if (!refused) throw new Error("unreachable");
    await waitUntil(refused.reset);
    const after = await limiter.limit(window);
    expect(after).toMatchObject({ success: true, backend: "redis" });
  });
});

describe("RateLimiter when Redis is down", () => {
  it(
    "falls back to per-instance counters, keeps limiting, answers quickly and alerts once per minute",
    { timeout: 90_000 },
    async () => {
      const { log, records } = capturingLogger();
      const limiter = new RateLimiter({
        redis: connect(`redis://127.0.0.1:${await closedPort()}`),
        prefix: uniquePrefix(),
        log,
        retryRedisAfterMs: 0,
      });
      const window = { key: "ip:198.51.100.2", limit: 2, windowMs: 60_000 };
      await freshWindow(60_000, 10_000);
      const started = Date.now();
      const outcomes = [];
      for (let i = 0; i < 4; i++) outcomes.push(await limiter.limit(window));
      expect(Date.now() - started).toBeLessThan(4 * 1500);
      expect(outcomes.map((o) => o.backend)).toEqual(["memory", "memory", "memory", "memory"]);
      expect(outcomes.map((o) => o.success)).toEqual([true, true, false, false]);

      const alerts = records.filter((r) => r.event === "security.alert");
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({ level: 50, alert: "ratelimit.redis_unavailable" });

      const ctx = requestContext(new Headers({ "x-tollgate-peer": "198.51.100.2" }));
      const config = {
        windowMs: 60_000,
        perWindow: { token: 2, update: 2, ip: 2, client: 2, license: 2 },
      };
      await expect(
        enforceRateLimits(["ip"], { ctx, actor: null }, { limiter, config }),
      ).rejects.toMatchObject({
        code: "rate_limited",
        status: 429,
        extra: { headers: expect.objectContaining({ "retry-after": expect.any(String) }) },
      });
    },
  );

  it("skips Redis for a moment after a failure instead of waiting on it for every request", async () => {
    const limiter = new RateLimiter({
      redis: connect(`redis://127.0.0.1:${await closedPort()}`),
      prefix: uniquePrefix(),
      log: capturingLogger().log,
    });
    await limiter.limit({ key: "k", limit: 100, windowMs: 60_000 });
    const started = Date.now();
    for (let i = 0; i < 20; i++) await limiter.limit({ key: "k", limit: 100, windowMs: 60_000 });
    expect(Date.now() - started).toBeLessThan(200);
  });
});

describe("describeRateLimitBackend", () => {
  it("names Redis without its password, or says the counters are per instance", () => {
    const withRedis = describeRateLimitBackend({
      ...env(),
      REDIS_URL: "redis://:hunter2@redis.internal:6380/2",
    });
    expect(withRedis).toMatchObject({ backend: "redis", shared: true });
    expect(withRedis.message).toContain("redis://redis.internal:6380/2");
    expect(withRedis.message).not.toContain("hunter2");
    expect(describeRateLimitBackend({ ...env(), REDIS_URL: undefined })).toMatchObject({
      backend: "memory",
      shared: false,
    });
  });
});
