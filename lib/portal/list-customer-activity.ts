// The customer's own activity log: audit events about the customer, its licenses and its update
// agents, and events its own users and agents caused. Scoped by ids that are themselves loaded
// with the customer in the where clause, so no other customer's event can match. Shows what
// happened, not the before/after snapshots (those hold vendor-side fields such as notes), and
// names vendor staff as "Your vendor".
import type { CustomerActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";

export interface CustomerActivity {
  id: string;
  at: Date;
  action: string;
  result: "SUCCESS" | "FAILURE" | "DENIED";
  actorLabel: string;
  reason: string | null;
  targetType: string | null;
  targetId: string | null;
}

export const ACTIVITY_SHOWN = 200;

export async function listCustomerActivity(actor: CustomerActor): Promise<CustomerActivity[]> {
  const customerId = actor.customerId;
  const [licenses, clients, members] = await Promise.all([
    db().license.findMany({ where: { customerId }, select: { id: true } }),
    db().apiClient.findMany({ where: { customerId }, select: { id: true } }),
    db().customerMembership.findMany({ where: { customerId }, select: { userId: true } }),
  ]);
  const licenseIds = licenses.map((l) => l.id);
  const clientIds = clients.map((c) => c.id);
  const own = new Set([...clientIds, ...members.map((m) => m.userId)]);
  const rows = await db().auditEvent.findMany({
    where: {
      OR: [
        { targetType: "customer", targetId: customerId },
        { targetType: "license", targetId: { in: licenseIds } },
        { targetType: "api_client", targetId: { in: clientIds } },
        { actorType: { in: ["USER", "AGENT"] }, actorId: { in: [...own] } },
      ],
    },
    orderBy: { seq: "desc" },
    take: ACTIVITY_SHOWN,
    select: {
      id: true,
      at: true,
      action: true,
      result: true,
      actorId: true,
      actorType: true,
      actorLabel: true,
      reason: true,
      targetType: true,
      targetId: true,
    },
  });
  return rows.map(({ actorId, actorType, actorLabel, ...row }) => ({
    ...row,
    actorLabel:
      actorId && own.has(actorId)
        ? (actorLabel ?? actorId)
        : actorType === "USER" || actorType === "SERVICE"
          ? "Your vendor"
          : "Tollgate",
  }));
}
