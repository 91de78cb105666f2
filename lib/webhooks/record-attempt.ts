// After a send: the attempt joins the delivery log, the delivery is done, rescheduled or given
// up, and the endpoint's run of failures grows or resets. Reaching WEBHOOK_DISABLE_AFTER failures
// in a row turns the endpoint off (its pending deliveries wait, they are not dropped), audited,
// with a high alert, all in one transaction.
import { raiseAlert } from "@/lib/alerts/raise-alert";
import { systemActor } from "@/lib/authz/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import type { ClaimedDelivery } from "./claim-deliveries";
import type { SendResult } from "./send-webhook";

export interface AttemptPolicy {
  now: Date;
  maxAttempts: number;
  disableAfter: number;
  // The wait before the next attempt (already jittered).
  retryInMs: number;
}

export async function recordAttempt(
  client: Db,
  delivery: ClaimedDelivery,
  result: SendResult,
  policy: AttemptPolicy,
): Promise<{ endpointDisabled: boolean }> {
  return client.$transaction(async (tx) => {
    await tx.webhookAttempt.create({
      data: {
        deliveryId: delivery.id,
        attempt: delivery.attempts,
        at: policy.now,
        statusCode: result.statusCode,
        error: result.error,
        durationMs: result.durationMs,
      },
    });
    const givingUp = !result.ok && delivery.attempts >= policy.maxAttempts;
    await tx.webhookDelivery.update({
      where: { id: delivery.id },
      data: {
        status: result.ok ? "DELIVERED" : givingUp ? "FAILED" : "PENDING",
        lockedUntil: null,
        lastStatusCode: result.statusCode,
        lastError: result.error,
        ...(result.ok ? { deliveredAt: policy.now } : {}),
        ...(!result.ok && !givingUp
          ? { nextAttemptAt: new Date(policy.now.getTime() + policy.retryInMs) }
          : {}),
      },
    });
    if (result.ok) {
      await tx.webhookEndpoint.update({
        where: { id: delivery.endpointId },
        data: { consecutiveFailures: 0 },
      });
      return { endpointDisabled: false };
    }
    const endpoint = await tx.webhookEndpoint.update({
      where: { id: delivery.endpointId },
      data: { consecutiveFailures: { increment: 1 } },
      select: { id: true, name: true, url: true, status: true, consecutiveFailures: true },
    });
    if (endpoint.status !== "ACTIVE" || endpoint.consecutiveFailures < policy.disableAfter) {
      return { endpointDisabled: false };
    }
    const reason = `${endpoint.consecutiveFailures} failed attempts in a row (last: ${result.error ?? "failed"})`;
    await tx.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { status: "DISABLED", disabledAt: policy.now, disabledReason: reason },
    });
    await recordAudit(tx, {
      action: "webhooks.disabled",
      actor: systemActor("webhooks"),
      result: "FAILURE",
      reason,
      target: { type: "webhook", id: endpoint.id },
      metadata: { name: endpoint.name, automatic: true },
    });
    await raiseAlert(tx, {
      kind: "webhooks.endpoint_disabled",
      severity: "HIGH",
      title: `Webhook endpoint "${endpoint.name}" disabled after repeated failures`,
      subject: `webhook:${endpoint.id}`,
      details: {
        url: endpoint.url,
        failures: endpoint.consecutiveFailures,
        lastError: result.error,
      },
    });
    return { endpointDisabled: true };
  });
}
