// A new signing secret for an endpoint, returned once; the old one stops signing at once.
import { recordAudit } from "@/lib/audit/record-audit";
import { authorize } from "@/lib/authz/authorize";
import { parseInput, type Operation } from "@/lib/authz/operation";
import { ENCRYPTED_FIELDS } from "@/lib/crypto/encrypted-columns";
import { encryptField } from "@/lib/crypto/field-encryption";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { webhookEndpointIdSchema, type WebhookEndpointIdInput } from "./webhook-endpoint.schema";
import { generateWebhookSecret } from "./webhook-signature";

export async function rotateWebhookSecret({
  actor,
  input,
  request,
}: Operation<WebhookEndpointIdInput>): Promise<{ id: string; secret: string }> {
  authorize(actor, "settings:write");
  const { endpointId } = parseInput(webhookEndpointIdSchema, input);
  const secret = generateWebhookSecret();
  return db().$transaction(async (tx) => {
    const updated = await tx.webhookEndpoint.updateMany({
      where: { id: endpointId },
      data: {
        secretCiphertext: encryptField(secret, ENCRYPTED_FIELDS.webhookSecret),
        secretHint: secret.slice(-4),
      },
    });
    if (updated.count === 0) throw new AppError("not_found", "No such webhook endpoint.");
    await recordAudit(tx, {
      action: "webhooks.secret_rotated",
      actor,
      request,
      target: { type: "webhook", id: endpointId },
    });
    return { id: endpointId, secret };
  });
}
