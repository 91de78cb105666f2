// Redis killed and started again, on a server of this test's own (the suite's shared Redis keeps
// running): the documented fallback holds (each instance limits on its own counters), the outage
// raises one alert in the security team's queue, and once Redis is back the limits are shared
// again by every instance, with the same connections and no restart.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import type { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { RateLimiter } from "@/lib/ratelimit/limiter";
import { createRedisConnection } from "@/lib/ratelimit/redis-connection";
import {
  capturingLogger,
  closedPort,
  freshWindow,
  sleep,
  uniquePrefix,
} from "../ratelimit/helpers";

let redisServer: ChildProcess | undefined;
const connections: Redis[] = [];

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    output += chunk.toString();
    if (output.includes("Ready to accept connections")) break;
  }
  child.stdout?.resume();
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill("SIGKILL");
  await once(child, "exit");
}

// ioredis reconnects with a growing back-off; the limiter retries Redis after its interval.
async function backOnRedis(limiter: RateLimiter): Promise<void> {
  for (let tries = 0; tries < 40; tries++) {
    const probe = await limiter.limit({ key: `probe:${tries}`, limit: 100, windowMs: 60_000 });
    if (probe.backend === "redis") return;
    await sleep(250);
  }
  throw new Error("the limiter did not go back to Redis within 10 s");
}

afterAll(async () => {
  for (const c of connections) c.disconnect();
  if (redisServer) await kill(redisServer);
});

describe("Redis restarted under load", () => {
  it(
    "falls back to per-instance limits with an alert while down, and shares limits again once back",
    {
      timeout: 60_000,
    },
    async () => {
      const port = await closedPort();
      redisServer = await startRedis(port);
      const prefix = uniquePrefix();
      const { log, records } = capturingLogger();
      // Two app instances, each with its own connection to the same Redis.
      const instances = [0, 1].map(() => {
        const connection = createRedisConnection(`redis://127.0.0.1:${port}`);
        connections.push(connection);
        return new RateLimiter({ redis: connection, prefix, log, retryRedisAfterMs: 300 });
      });
      const [a, b] = instances as [RateLimiter, RateLimiter];
      const subject = `ip:198.51.100.${Math.floor(Math.random() * 200) + 1}`;
      const window = (key: string) => ({ key, limit: 2, windowMs: 60_000 });
      await freshWindow(60_000, 30_000);

      // Up: one budget, shared.
      const shared = [await a.limit(window(subject)), await b.limit(window(subject))];
      expect(shared.map((r) => [r.backend, r.success])).toEqual([
        ["redis", true],
        ["redis", true],
      ]);
      expect((await a.limit(window(subject))).success).toBe(false);

      // Down: each instance keeps limiting on its own, and the outage is alerted once.
      await kill(redisServer);
      const alertsBefore = await db().alert.count({
        where: { kind: "ratelimit.redis_unavailable", subject: prefix },
      });
      const down = `${subject}:down`;
      const whileDown = [];
      for (let i = 0; i < 3; i++) whileDown.push(await a.limit(window(down)));
      expect(whileDown.map((r) => [r.backend, r.success])).toEqual([
        ["memory", true],
        ["memory", true],
        ["memory", false],
      ]);
      await a.alertWritten;
      const alert = await db().alert.findFirst({
        where: { kind: "ratelimit.redis_unavailable", subject: prefix, status: "OPEN" },
      });
      expect(alert).toMatchObject({ severity: "HIGH" });
      expect(alertsBefore).toBe(0);
      expect(records.filter((r) => r.alert === "ratelimit.redis_unavailable")).toHaveLength(1);

      // Back, on the same address: after the retry interval the same connections count in Redis
      // again, one budget for both instances.
      redisServer = await startRedis(port);
      for (const instance of instances) await backOnRedis(instance);
      const back = `${subject}:back`;
      const after = [
        await a.limit(window(back)),
        await b.limit(window(back)),
        await a.limit(window(back)),
      ];
      expect(after.map((r) => [r.backend, r.success])).toEqual([
        ["redis", true],
        ["redis", true],
        ["redis", false],
      ]);
      expect(records.some((r) => r.event === "ratelimit.redis_recovered")).toBe(true);
    },
  );
});
