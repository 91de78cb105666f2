// Rate limit headers as the IETF httpapi draft names them (RateLimit-Limit, -Remaining, -Reset in
// delta seconds) plus Retry-After on a 429. With several counters, the one closest to refusing
// is reported: the refused one that resets last, otherwise the one with the least remaining.
import type { LimitResult } from "./limiter";

export function bindingResult(results: readonly LimitResult[]): LimitResult | null {
  const refused = results.filter((r) => !r.success);
  if (refused.length) return refused.reduce((a, b) => (b.reset > a.reset ? b : a));
  if (!results.length) return null;
  return results.reduce((a, b) =>
    b.remaining < a.remaining || (b.remaining === a.remaining && b.reset > a.reset) ? b : a,
  );
}

export function secondsUntil(reset: number, now: number = Date.now()): number {
  return Math.max(1, Math.ceil((reset - now) / 1000));
}

export function rateLimitHeaders(
  result: LimitResult | null,
  now: number = Date.now(),
): Record<string, string> {
  if (!result) return {};
  const reset = String(secondsUntil(result.reset, now));
  return {
    "ratelimit-limit": String(result.limit),
    "ratelimit-remaining": String(result.remaining),
    "ratelimit-reset": reset,
    ...(result.success ? {} : { "retry-after": reset }),
  };
}
