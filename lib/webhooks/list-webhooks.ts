// What the portal shows of endpoints and their delivery log (never the secret).
import { authorize } from "@/lib/authz/authorize";
import type { StaffActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";

const endpointSelect = {
  id: true,
  name: true,
  url: true,
  events: true,
  secretHint: true,
  status: true,
  disabledAt: true,
  disabledReason: true,
  consecutiveFailures: true,
  createdAt: true,
} as const;

export async function listWebhookEndpoints(actor: StaffActor) {
  authorize(actor, "settings:read");
  return db().webhookEndpoint.findMany({ orderBy: { createdAt: "asc" }, select: endpointSelect });
}

export async function getWebhookEndpoint(actor: StaffActor, id: string, take = 50) {
  authorize(actor, "settings:read");
  const endpoint = await db().webhookEndpoint.findUnique({ where: { id }, select: endpointSelect });
  if (!endpoint) return null;
  const deliveries = await db().webhookDelivery.findMany({
    where: { endpointId: id },
    orderBy: { createdAt: "desc" },
    take,
    include: { attemptLog: { orderBy: { attempt: "asc" } } },
  });
  return { endpoint, deliveries };
}
