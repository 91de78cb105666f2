// Adds a webhook endpoint with a new signing secret, which is returned here once; stored
// encrypted, only its last characters are kept in the clear (a hint for the portal).
import { recordAudit } from "@/lib/audit/record-audit";
import { authorize } from "@/lib/authz/authorize";
import { parseInput, type Operation } from "@/lib/authz/operation";
import { ENCRYPTED_FIELDS } from "@/lib/crypto/encrypted-columns";
import { encryptField } from "@/lib/crypto/field-encryption";
import { db } from "@/lib/db/client";
import {
  createWebhookEndpointSchema,
  type CreateWebhookEndpointInput,
} from "./webhook-endpoint.schema";
import { generateWebhookSecret } from "./webhook-signature";

export async function createWebhookEndpoint({
  actor,
  input,
  request,
}: Operation<CreateWebhookEndpointInput>): Promise<{ id: string; secret: string }> {
  authorize(actor, "settings:write");
  const data = parseInput(createWebhookEndpointSchema, input);
  const secret = generateWebhookSecret();
  return db().$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.create({
      data: {
        name: data.name,
        url: data.url,
        events: data.events,
        secretCiphertext: encryptField(secret, ENCRYPTED_FIELDS.webhookSecret),
        secretHint: secret.slice(-4),
        createdById: actor.userId,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      action: "webhooks.created",
      actor,
      request,
      target: { type: "webhook", id: endpoint.id },
      after: { name: data.name, url: data.url, events: data.events },
    });
    return { id: endpoint.id, secret };
  });
}
