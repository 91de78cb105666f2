// An update check is charged against several counters (address, client, license, the update
// budget); they reach Redis in one write, one round trip, not one per counter.
import type { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import type { ClientActor } from "@/lib/authz/actor";
import { env } from "@/lib/env";
import { RateLimiter } from "@/lib/ratelimit/limiter";
import { createRedisConnection } from "@/lib/ratelimit/redis-connection";
import { requestContext } from "@/lib/http/request-context";
import { windowsFor, type RateLimitConfig } from "@/lib/ratelimit/policies";
import { capturingLogger, uniquePrefix } from "./helpers";

let connection: Redis | undefined;
afterAll(() => connection?.disconnect());

// Counts the writes on the connection's socket: each is one request/answer exchange.
function countWrites(redis: Redis): { count: () => number } {
  const stream = (redis as unknown as { stream: { write: (...args: unknown[]) => boolean } })
    .stream;
  let writes = 0;
  const write = stream.write.bind(stream);
  stream.write = (...args: unknown[]) => {
    writes++;
    return write(...args);
  };
  return { count: () => writes };
}

describe("rate-limit counters in Redis", () => {
  it("charges all of an update check's counters in one round trip", async () => {
    connection = createRedisConnection(env().REDIS_URL ?? "redis://127.0.0.1:6379");
    await connection.ping();
    const limiter = new RateLimiter({
      redis: connection,
      prefix: uniquePrefix(),
      log: capturingLogger().log,
    });
    // Distinct limits, so each counter runs through its own library instance.
    const config: RateLimitConfig = {
      windowMs: 60_000,
      perWindow: { token: 50, update: 60, ip: 70, client: 80, license: 90 },
    };
    const subject = {
      ctx: requestContext(new Headers({ "x-tollgate-peer": "198.51.100.9" })),
      actor: {
        type: "AGENT",
        clientId: "round-trip-client",
        apiClientId: "cli_round_trip",
        licenseId: "lic_round_trip",
        customerId: "cus_round_trip",
        roles: [],
        permissions: new Set(),
      } satisfies ClientActor,
    };
    const windows = windowsFor(["update", "ip", "client", "license"], subject, config);
    expect(windows.length).toBeGreaterThanOrEqual(3);
    // The first charge loads the scripts (EVAL after NOSCRIPT); the steady state is what counts.
    await limiter.limitAll(windows);
    const writes = countWrites(connection);
    const results = await limiter.limitAll(windows);
    expect(results.every((r) => r.backend === "redis" && r.success)).toBe(true);
    expect(writes.count()).toBe(1);
  });
});
