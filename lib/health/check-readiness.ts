// Readiness: the database answers and, when configured, Redis answers. Each check is bounded in
// time so a hung dependency reads as down instead of hanging the probe.
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { pingRedis } from "@/lib/ratelimit/redis-connection";

export interface Readiness {
  ready: boolean;
  checks: Record<string, "up" | "down" | "not_configured">;
}

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("timeout")), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export async function checkReadiness(): Promise<Readiness> {
  const checks: Readiness["checks"] = {};
  try {
    await within(2000, db().$queryRaw`SELECT 1`);
    checks.database = "up";
  } catch {
    checks.database = "down";
  }
  if (env().REDIS_URL) {
    try {
      await within(2000, pingRedis());
      checks.redis = "up";
    } catch {
      checks.redis = "down";
    }
  } else {
    checks.redis = "not_configured";
  }
  return { ready: !Object.values(checks).includes("down"), checks };
}
