// The shared Redis connection (rate limits, lockouts). Replaced/extended by the rate limit work.
import { Redis } from "ioredis";
import { env } from "@/lib/env";

let client: Redis | undefined;

export function redis(): Redis | null {
  const url = env().REDIS_URL;
  if (!url) return null;
  client ??= new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
  // Errors surface on the commands that fail; an unhandled 'error' event would crash the process.
  client.on("error", () => undefined);
  return client;
}

export async function pingRedis(): Promise<void> {
  const r = redis();
  if (!r) throw new Error("Redis is not configured");
  await r.ping();
}
