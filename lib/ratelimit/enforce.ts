// The guard chain's rate limit step: count the request against each policy's counters and refuse
// with 429 (problem+json, Retry-After) when any of them is exhausted. Every counter is charged
// even when another refuses, so a client cannot spread a flood over policies.
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { AppError } from "@/lib/errors/app-error";
import { bindingResult, rateLimitHeaders, secondsUntil } from "./headers";
import { RateLimiter } from "./limiter";
import {
  rateLimitConfigFromEnv,
  windowsFor,
  type RateLimitConfig,
  type RateLimitPolicy,
  type RateLimitSubject,
} from "./policies";
import { redis } from "./redis-connection";

export type { RateLimitPolicy, RateLimitSubject } from "./policies";

export interface RateLimitOutcome {
  headers: Record<string, string>;
}

let appLimiter: RateLimiter | undefined;

// The process-wide limiter over the shared Redis connection (or in-process without REDIS_URL).
export function appRateLimiter(): RateLimiter {
  appLimiter ??= new RateLimiter({ redis: redis(), prefix: "tollgate:rl", log });
  return appLimiter;
}

export async function enforceRateLimits(
  policies: readonly RateLimitPolicy[],
  subject: RateLimitSubject,
  // Tests pass their own limiter and limits; routes use the application's.
  options: { limiter?: RateLimiter; config?: RateLimitConfig } = {},
): Promise<RateLimitOutcome> {
  const limiter = options.limiter ?? appRateLimiter();
  const config = options.config ?? rateLimitConfigFromEnv(env());
  const results = await limiter.limitAll(windowsFor(policies, subject, config));
  const binding = bindingResult(results);
  const headers = rateLimitHeaders(binding);
  if (binding && !binding.success) {
    subject.ctx.log.warn({ counter: binding.key, backend: binding.backend }, "rate limit exceeded");
    throw new AppError(
      "rate_limited",
      `Too many requests: try again in ${secondsUntil(binding.reset)} seconds.`,
      { headers },
    );
  }
  return { headers };
}
