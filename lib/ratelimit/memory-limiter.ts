// The in-process limiter: a fixed window per key, like the Redis one, so both backends answer
// the same way. Used when REDIS_URL is not set (one instance: dev, tests, small installs) and,
// per instance, while Redis is unreachable. Memory is bounded: past maxKeys, expired windows
// are swept and then the oldest windows dropped (an evicted key starts afresh, which under a
// flood of distinct keys errs towards letting a request through rather than growing unbounded).
export interface WindowResult {
  success: boolean;
  limit: number;
  remaining: number;
  // Epoch milliseconds at which the window ends.
  reset: number;
}

interface Entry {
  count: number;
  reset: number;
}

export const DEFAULT_MEMORY_MAX_KEYS = 10_000;

export class MemoryWindowLimiter {
  private readonly windows = new Map<string, Entry>();

  constructor(private readonly maxKeys: number = DEFAULT_MEMORY_MAX_KEYS) {}

  get size(): number {
    return this.windows.size;
  }

  limit(key: string, limit: number, windowMs: number, now: number = Date.now()): WindowResult {
    // Aligned like @upstash/ratelimit's fixedWindow, so a fallback keeps the same window edges.
    const reset = (Math.floor(now / windowMs) + 1) * windowMs;
    const id = `${windowMs}:${key}`;
    let entry = this.windows.get(id);
    if (!entry || entry.reset !== reset) {
      this.windows.delete(id);
      this.makeRoom(now);
      entry = { count: 0, reset };
      this.windows.set(id, entry);
    }
    entry.count += 1;
    return {
      success: entry.count <= limit,
      limit,
      remaining: Math.max(0, limit - entry.count),
      reset,
    };
  }

  private makeRoom(now: number): void {
    if (this.windows.size < this.maxKeys) return;
    for (const [id, entry] of this.windows) if (entry.reset <= now) this.windows.delete(id);
    // Map iteration is insertion order: the first entries are the oldest windows.
    for (const id of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(id);
    }
  }
}
