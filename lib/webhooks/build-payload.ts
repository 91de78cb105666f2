// The delivered JSON, built from the committed audit event when it is sent (so it carries the
// event's chain position and hash, set at commit). Before/after are left out: they can hold
// customer data a receiver has no business with; the portal has the full record.
import type { Db } from "@/lib/db/client";

export interface WebhookPayload {
  id: string;
  type: string;
  createdAt: string;
  event: {
    id: string;
    seq: string | null;
    hash: string | null;
    result: string;
    reason: string | null;
    actor: { type: string; id: string | null; label: string | null };
    target: { type: string | null; id: string | null };
    metadata: unknown;
  };
  alert?: {
    id: string;
    kind: string;
    severity: string;
    title: string;
    subject: string;
    status: string;
  };
}

export async function buildPayload(
  client: Db,
  delivery: { id: string; auditEventId: string; eventType: string },
): Promise<WebhookPayload | null> {
  const e = await client.auditEvent.findFirst({ where: { id: delivery.auditEventId } });
  if (!e) return null;
  const payload: WebhookPayload = {
    id: delivery.id,
    type: delivery.eventType,
    createdAt: e.at.toISOString(),
    event: {
      id: e.id,
      seq: e.seq?.toString() ?? null,
      hash: e.hash,
      result: e.result,
      reason: e.reason,
      actor: { type: e.actorType, id: e.actorId, label: e.actorLabel },
      target: { type: e.targetType, id: e.targetId },
      metadata: e.metadata,
    },
  };
  if (e.targetType === "alert" && e.targetId) {
    const alert = await client.alert.findUnique({
      where: { id: e.targetId },
      select: { id: true, kind: true, severity: true, title: true, subject: true, status: true },
    });
    if (alert) payload.alert = alert;
  }
  return payload;
}
