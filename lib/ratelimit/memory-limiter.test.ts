import { describe, expect, it } from "vitest";
import { MemoryWindowLimiter } from "./memory-limiter";

describe("MemoryWindowLimiter", () => {
  it("allows the limit per window, then refuses until the window ends", () => {
    const limiter = new MemoryWindowLimiter();
    const t0 = 1_000_000 * 60_000 + 5_000;
    const results = [1, 2, 3, 4].map(() => limiter.limit("ip:a", 3, 60_000, t0));
    expect(results.map((r) => r.success)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(results[3]?.reset).toBe(1_000_001 * 60_000);
    expect(limiter.limit("ip:b", 3, 60_000, t0).success).toBe(true);
    expect(limiter.limit("ip:a", 3, 60_000, 1_000_001 * 60_000).success).toBe(true);
  });

  it("keeps windows of different lengths apart", () => {
    const limiter = new MemoryWindowLimiter();
    expect(limiter.limit("k", 1, 1000, 0).success).toBe(true);
    expect(limiter.limit("k", 1, 60_000, 0).success).toBe(true);
    expect(limiter.limit("k", 1, 1000, 0).success).toBe(false);
  });

  it("never holds more than maxKeys windows, dropping expired ones first", () => {
    const limiter = new MemoryWindowLimiter(100);
    for (let i = 0; i < 50; i++) limiter.limit(`old-${i}`, 5, 1000, 0);
    for (let i = 0; i < 1000; i++) limiter.limit(`new-${i}`, 5, 60_000, 5_000);
    expect(limiter.size).toBeLessThanOrEqual(100);
    // The most recent keys survive and keep counting.
    expect(limiter.limit("new-999", 2, 60_000, 5_000)).toMatchObject({
      success: true,
      remaining: 0,
    });
    expect(limiter.limit("new-999", 2, 60_000, 5_000)).toMatchObject({ success: false });
  });
});
