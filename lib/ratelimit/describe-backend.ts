// One line for the startup log: where rate limit counters live, said out loud when they are not
// shared between instances.
import { env, type Env } from "@/lib/env";
import { describeRedisUrl } from "./redis-connection";

export interface RateLimitBackendDescription {
  backend: "redis" | "memory";
  shared: boolean;
  message: string;
}

export function describeRateLimitBackend(e: Env = env()): RateLimitBackendDescription {
  if (e.REDIS_URL) {
    return {
      backend: "redis",
      shared: true,
      message: `Rate limits are counted in Redis at ${describeRedisUrl(e.REDIS_URL)}, shared by every instance; while Redis is unreachable each instance falls back to its own counters and logs a security alert.`,
    };
  }
  return {
    backend: "memory",
    shared: false,
    message:
      "REDIS_URL is not set: rate limits are counted in process, per instance and not shared (run one instance, or set REDIS_URL).",
  };
}
