// Called by recordAudit in the transaction that writes the event: one queue row per active
// endpoint that selected the action, so an event and its deliveries commit (or roll back)
// together. Actions no family delivers return before any query (update checks, downloads).
import type { Db, Tx } from "@/lib/db/client";
import { isDeliverable, selectorsFor } from "./webhook-events";

export async function enqueueWebhooks(
  tx: Tx | Db,
  event: { id: string; action: string },
): Promise<number> {
  if (!isDeliverable(event.action)) return 0;
  return tx.$executeRaw`
    INSERT INTO "WebhookDelivery" ("endpointId", "auditEventId", "eventType")
    SELECT "id", ${event.id}, ${event.action} FROM "WebhookEndpoint"
     WHERE "status" = 'ACTIVE' AND "events" && ${selectorsFor(event.action)}::text[]`;
}
