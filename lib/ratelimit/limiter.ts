// Counts requests against fixed windows, in Redis when configured (shared by every app instance),
// otherwise in process. Fixed rather than sliding windows so that RateLimit-Reset and Retry-After
// are exact: a client that waits that long gets through, which is what a well-behaved agent's
// back-off relies on.
//
// When Redis is configured but unreachable, Tollgate fails over to each instance's in-process
// counters and keeps serving (fail-open to a LOCAL limit, not to no limit): rate limits protect
// the service, and refusing every request because the limiter's store is down would turn a Redis
// outage into a full outage of the update API. Each instance then allows up to the limit on its
// own, so the effective limit is multiplied by the number of instances for the duration. The
// failover is logged as a `security.alert` at error level, at most once per minute per instance,
// and Redis is tried again a few seconds later.
import { Ratelimit, type RatelimitConfig } from "@upstash/ratelimit";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { raiseAlert } from "@/lib/alerts/raise-alert";
import { db } from "@/lib/db/client";
import { log as rootLog } from "@/lib/log";
import { MemoryWindowLimiter, type WindowResult } from "./memory-limiter";
import { RatelimitRedisShim } from "./redis-script-shim";

export interface LimitWindow {
  // Namespaced by the caller, e.g. "ip:198.51.100.7".
  key: string;
  limit: number;
  windowMs: number;
}

export interface LimitResult extends WindowResult {
  key: string;
  backend: "redis" | "memory";
}

export interface RateLimiterOptions {
  redis: Redis | null;
  // Prefix of every Redis key.
  prefix?: string;
  memoryMaxKeys?: number;
  log?: Logger;
  // At most one alert per this many milliseconds while Redis stays down.
  alertIntervalMs?: number;
  // After a Redis failure, go straight to the in-process counters for this long.
  retryRedisAfterMs?: number;
}

export class RateLimiter {
  private readonly memory: MemoryWindowLimiter;
  private readonly shim: RatelimitRedisShim | null;
  private readonly limiters = new Map<string, Ratelimit>();
  private readonly prefix: string;
  // Settles when the newest fallback alert is recorded (tests wait on it).
  alertWritten: Promise<void> = Promise.resolve();
  private readonly log: Logger;
  private readonly alertIntervalMs: number;
  private readonly retryRedisAfterMs: number;
  private redisDownUntil = 0;
  private lastAlertAt = Number.NEGATIVE_INFINITY;
  private failingOver = false;

  constructor(options: RateLimiterOptions) {
    this.shim = options.redis ? new RatelimitRedisShim(options.redis) : null;
    this.memory = new MemoryWindowLimiter(options.memoryMaxKeys);
    this.prefix = options.prefix ?? "tollgate:rl";
    this.log = options.log ?? rootLog;
    this.alertIntervalMs = options.alertIntervalMs ?? 60_000;
    this.retryRedisAfterMs = options.retryRedisAfterMs ?? 5_000;
  }

  get configuredBackend(): "redis" | "memory" {
    return this.shim ? "redis" : "memory";
  }

  async limit(window: LimitWindow): Promise<LimitResult> {
    if (this.shim && Date.now() >= this.redisDownUntil) {
      try {
        const result = await this.upstash(window.limit, window.windowMs).limit(window.key);
        this.recovered();
        return {
          key: window.key,
          backend: "redis",
          success: result.success,
          limit: result.limit,
          remaining: result.remaining,
          reset: result.reset,
        };
      } catch (error) {
        this.failedOver(error);
      }
    }
    return {
      key: window.key,
      backend: "memory",
      ...this.memory.limit(window.key, window.limit, window.windowMs),
    };
  }

  async limitAll(windows: readonly LimitWindow[]): Promise<LimitResult[]> {
    return Promise.all(windows.map((w) => this.limit(w)));
  }

  // One library instance per (limit, window): the algorithm is fixed at construction.
  private upstash(limit: number, windowMs: number): Ratelimit {
    const id = `${limit}/${windowMs}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = new Ratelimit({
        // The shim provides exactly the calls the library makes (see redis-script-shim.ts); the
        // library's type names its own HTTP client.
        redis: this.shim as unknown as RatelimitConfig["redis"],
        limiter: Ratelimit.fixedWindow(limit, `${windowMs} ms`),
        prefix: `${this.prefix}:${id}`,
        // Its blocked-id cache is unbounded and would not see another instance's reset.
        ephemeralCache: false,
        // Its own timeout lets requests through unlimited; ioredis' commandTimeout bounds a call
        // instead, and the failure lands in the in-process fallback.
        timeout: 0,
        analytics: false,
        enableProtection: false,
        enableTelemetry: false,
      });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }

  private failedOver(error: unknown): void {
    const now = Date.now();
    this.redisDownUntil = now + this.retryRedisAfterMs;
    this.failingOver = true;
    if (now - this.lastAlertAt >= this.alertIntervalMs) {
      this.lastAlertAt = now;
      this.log.error(
        {
          event: "security.alert",
          alert: "ratelimit.redis_unavailable",
          err: error instanceof Error ? error : new Error(String(error)),
        },
        "Redis is unreachable: rate limits fall back to this instance's in-process counters",
      );
      // And an alert for the security team's queue (folding while Redis stays down), written
      // beside the request rather than in its way; a failed write is logged, never surfaced.
      this.alertWritten = raiseAlert(db(), {
        kind: "ratelimit.redis_unavailable",
        severity: "HIGH",
        title: "Redis is unreachable: rate limits are per instance only",
        subject: this.prefix,
        details: { error: error instanceof Error ? error.message.slice(0, 300) : String(error) },
      }).then(
        () => undefined,
        (alertError: unknown) =>
          this.log.error({ err: alertError }, "could not record the Redis fallback alert"),
      );
    }
  }

  private recovered(): void {
    if (!this.failingOver) return;
    this.failingOver = false;
    this.log.warn(
      { event: "ratelimit.redis_recovered" },
      "Redis is reachable again: rate limits are shared again",
    );
  }
}
