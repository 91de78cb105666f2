// The shared Redis connection (rate limits, readiness). Commands are bounded in time: a Redis that
// hangs must cost a request a fraction of a second, after which the rate limiter falls back to
// its in-process counters (see limiter.ts) instead of stalling every request.
import { Redis } from "ioredis";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

export const REDIS_COMMAND_TIMEOUT_MS = 500;

export function createRedisConnection(
  url: string,
  options: { commandTimeoutMs?: number } = {},
): Redis {
  const connection = new Redis(url, {
    // Commands wait in the offline queue while (re)connecting, so the first requests after a
    // start do not count as an outage; commandTimeout bounds the wait when Redis is really down.
    enableOfflineQueue: true,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: 2000,
    lazyConnect: false,
    // A request's counters (address, client, license…) are charged at once (limitAll): sent as
    // one pipelined write, they cost one round trip to Redis instead of one each.
    enableAutoPipelining: true,
  });
  // Failures surface on the commands (and as a security alert in the limiter); an unhandled
  // 'error' event would crash the process.
  connection.on("error", (error: Error) => log.debug({ err: error }, "redis connection error"));
  return connection;
}

let client: Redis | undefined;

export function redis(): Redis | null {
  const url = env().REDIS_URL;
  if (!url) return null;
  client ??= createRedisConnection(url);
  return client;
}

export async function pingRedis(): Promise<void> {
  const r = redis();
  if (!r) throw new Error("Redis is not configured");
  await r.ping();
}

// For logs and the startup message: host and port, never a password.
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.length > 1 ? parsed.pathname : ""}`;
  } catch {
    return "redis (unparseable URL)";
  }
}
