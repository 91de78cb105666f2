// An audit event is written in the same transaction as the change it describes: if the change
// commits, so does its record, and if either fails, neither is kept.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db, Tx } from "@/lib/db/client";
import { evaluateAlertRules } from "@/lib/alerts/evaluate-alert-rules";
import { actorId, actorLabel, type Actor } from "@/lib/authz/actor";
import { sanitizeValue } from "@/lib/http/storable-text";
import { enqueueWebhooks } from "@/lib/webhooks/enqueue-webhooks";
import { isDeliverable } from "@/lib/webhooks/webhook-events";
import type { AuditAction } from "./actions";

export interface AuditRequestInfo {
  requestId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  method?: string | null;
  path?: string | null;
}

export interface AuditEventInput {
  action: AuditAction;
  actor: Actor;
  request?: AuditRequestInfo;
  result?: "SUCCESS" | "FAILURE" | "DENIED";
  reason?: string;
  target?: { type: string; id: string | null };
  before?: unknown;
  after?: unknown;
  metadata?: Record<string, unknown>;
}

// The caller's transaction (the usual case: the event commits with the change), or the client
// for an event that stands alone, such as a refusal.
type AuditWriter = Tx | Db;

const toJson = (value: unknown): Prisma.InputJsonValue | undefined =>
  value === undefined
    ? undefined
    : (JSON.parse(
        JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)),
      ) as Prisma.InputJsonValue);

export async function recordAudit(
  writer: AuditWriter,
  event: AuditEventInput,
): Promise<{ id: string }> {
  // A deliverable event and its webhook deliveries commit together, also when it stands alone.
  if ("$transaction" in writer && isDeliverable(event.action)) {
    return writer.$transaction((tx) => write(tx, event));
  }
  return write(writer, event);
}

async function write(tx: AuditWriter, event: AuditEventInput): Promise<{ id: string }> {
  const { actor } = event;
  // What an attacker sent (a reason quoting it, a user agent, a path, metadata) must never make
  // the record fail: text PostgreSQL cannot store is replaced, and the row says so.
  const { value: data, sanitized } = sanitizeValue({
    action: event.action,
    result: event.result ?? "SUCCESS",
    reason: event.reason ?? null,
    actorType: actor.type,
    actorId: actorId(actor),
    actorLabel: actorLabel(actor),
    actorRoles: [...actor.roles],
    actorPermissions: [...actor.permissions].sort(),
    ip: event.request?.ip ?? null,
    userAgent: event.request?.userAgent?.slice(0, 512) ?? null,
    requestId: event.request?.requestId ?? null,
    method: event.request?.method?.slice(0, 16) ?? null,
    path: event.request?.path?.split("?")[0]?.slice(0, 1000) ?? null,
    targetType: event.target?.type ?? null,
    targetId: event.target?.id ?? null,
    before: toJson(event.before),
    after: toJson(event.after),
    metadata: toJson(event.metadata),
  });
  if (sanitized) data.metadata = { ...(data.metadata as object | undefined), inputSanitized: true };
  const written = await tx.auditEvent.create({ data, select: { id: true } });
  // Every refusal class feeds the alert rules as it is written (lib/alerts/alert-rules.ts).
  await evaluateAlertRules(tx, { ...data, id: written.id });
  // Webhook deliveries of the event join the queue in the same transaction.
  await enqueueWebhooks(tx, { id: written.id, action: event.action });
  return written;
}
