import type { Actor } from "@/lib/authz/actor";
import type { RequestContext } from "@/lib/http/request-context";

// Which counters a route draws from; the limits themselves come from the environment.
export type RateLimitPolicy = "token" | "update" | "ip" | "client" | "license";

export interface RateLimitOutcome {
  headers: Record<string, string>;
}

// Replaced by the rate limit work (@upstash/ratelimit over Redis, in-process fallback).
export async function enforceRateLimits(
  _policies: readonly RateLimitPolicy[],
  _subject: { ctx: RequestContext; actor: Actor | null },
): Promise<RateLimitOutcome> {
  return { headers: {} };
}
