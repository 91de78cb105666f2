// Turns an endpoint off or back on. Turning it on clears its run of failures; deliveries that
// waited while it was off are sent from then on.
import { recordAudit } from "@/lib/audit/record-audit";
import { authorize } from "@/lib/authz/authorize";
import { parseInput, type Operation } from "@/lib/authz/operation";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import {
  setWebhookEndpointStatusSchema,
  type SetWebhookEndpointStatusInput,
} from "./webhook-endpoint.schema";

export async function setWebhookEndpointStatus({
  actor,
  input,
  request,
}: Operation<SetWebhookEndpointStatusInput>): Promise<{ id: string; status: string }> {
  authorize(actor, "settings:write");
  const { endpointId, status } = parseInput(setWebhookEndpointStatusSchema, input);
  return db().$transaction(async (tx) => {
    const before = await tx.webhookEndpoint.findUnique({
      where: { id: endpointId },
      select: { id: true, status: true, consecutiveFailures: true },
    });
    if (!before) throw new AppError("not_found", "No such webhook endpoint.");
    if (before.status === status) return { id: before.id, status };
    const now = new Date();
    await tx.webhookEndpoint.update({
      where: { id: before.id },
      data:
        status === "ACTIVE"
          ? { status, consecutiveFailures: 0, disabledAt: null, disabledReason: null }
          : { status, disabledAt: now, disabledReason: `Turned off by ${actor.email}` },
    });
    await recordAudit(tx, {
      action: status === "ACTIVE" ? "webhooks.enabled" : "webhooks.disabled",
      actor,
      request,
      target: { type: "webhook", id: before.id },
      before: { status: before.status, consecutiveFailures: before.consecutiveFailures },
      after: { status },
    });
    return { id: before.id, status };
  });
}
