// The alert queue: active alerts first (newest activity first), then the recently resolved.
import type { AlertStatus } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";

export async function listAlerts({
  actor,
  status,
  take = 100,
}: {
  actor: Actor;
  status?: AlertStatus;
  take?: number;
}) {
  authorize(actor, "alerts:read");
  return db().alert.findMany({
    where: status ? { status } : {},
    orderBy: [{ status: "asc" }, { lastSeenAt: "desc" }],
    take,
  });
}

export async function countActiveAlertsBySeverity() {
  const rows = await db().alert.groupBy({
    by: ["severity"],
    where: { status: { in: ["OPEN", "ACKNOWLEDGED"] } },
    _count: { _all: true },
  });
  return Object.fromEntries(rows.map((r) => [r.severity, r._count._all])) as Partial<
    Record<"LOW" | "MEDIUM" | "HIGH" | "CRITICAL", number>
  >;
}
