// Claims due deliveries for this worker. FOR UPDATE SKIP LOCKED lets any number of workers (one
// per app instance) claim at once without taking the same row; the claim is a lease
// (`lockedUntil`) committed before sending, so no transaction stays open over the network and a
// worker that dies mid-send only delays its deliveries until the lease runs out: then any worker
// claims them again (delivery is at least once; receivers dedupe by the delivery id).
import type { Db } from "@/lib/db/client";

export interface ClaimedDelivery {
  id: string;
  endpointId: string;
  auditEventId: string;
  eventType: string;
  attempts: number;
}

export async function claimDeliveries(
  client: Db,
  { now, leaseMs, limit }: { now: Date; leaseMs: number; limit: number },
): Promise<ClaimedDelivery[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  return client.$queryRaw<ClaimedDelivery[]>`
    WITH due AS (
      SELECT d."id" FROM "WebhookDelivery" d
        JOIN "WebhookEndpoint" e ON e."id" = d."endpointId" AND e."status" = 'ACTIVE'
       WHERE d."status" = 'PENDING' AND d."nextAttemptAt" <= ${now}
         AND (d."lockedUntil" IS NULL OR d."lockedUntil" <= ${now})
       ORDER BY d."nextAttemptAt"
       LIMIT ${limit}
       FOR UPDATE OF d SKIP LOCKED)
    UPDATE "WebhookDelivery" d
       SET "lockedUntil" = ${leaseUntil}, "attempts" = d."attempts" + 1
      FROM due WHERE d."id" = due."id"
    RETURNING d."id", d."endpointId", d."auditEventId", d."eventType", d."attempts"`;
}

// Exponential backoff with "equal jitter": half the step fixed, half random, so retries of many
// deliveries after an outage spread out instead of arriving together. Capped at a day.
export function retryDelayMs(attempt: number, baseMs: number, random = Math.random): number {
  const step = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 86_400_000);
  return Math.round(step / 2 + random() * (step / 2));
}
