// One round of the delivery worker: claim what is due, send each (signed, concurrently within
// the batch), record each outcome. Options default to the environment; tests pass a clock and
// short policies instead of waiting.
import { decryptField } from "@/lib/crypto/field-encryption";
import { ENCRYPTED_FIELDS } from "@/lib/crypto/encrypted-columns";
import { db, type Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { buildPayload } from "./build-payload";
import { claimDeliveries, retryDelayMs, type ClaimedDelivery } from "./claim-deliveries";
import { recordAttempt } from "./record-attempt";
import { allowPrivateTargets } from "./safe-target";
import { sendWebhook, type SendResult } from "./send-webhook";
import { SIGNATURE_HEADER, signatureHeader } from "./webhook-signature";

export interface DeliveryOptions {
  client?: Db;
  now?: () => Date;
  limit?: number;
  timeoutMs?: number;
  maxAttempts?: number;
  disableAfter?: number;
  retryBaseMs?: number;
  allowPrivate?: boolean;
  random?: () => number;
}

export interface RoundResult {
  claimed: number;
  delivered: number;
  failed: number;
}

async function attempt(
  client: Db,
  delivery: ClaimedDelivery,
  o: { timeoutMs: number; allowPrivate: boolean },
): Promise<SendResult> {
  const [endpoint, payload] = await Promise.all([
    client.webhookEndpoint.findUnique({
      where: { id: delivery.endpointId },
      select: { url: true, secretCiphertext: true },
    }),
    buildPayload(client, delivery),
  ]);
  if (!endpoint || !payload) {
    return { ok: false, statusCode: null, error: "event no longer stored", durationMs: 0 };
  }
  const secret = decryptField(endpoint.secretCiphertext, ENCRYPTED_FIELDS.webhookSecret);
  const body = JSON.stringify(payload);
  return sendWebhook({
    url: endpoint.url,
    body,
    timeoutMs: o.timeoutMs,
    allowPrivate: o.allowPrivate,
    headers: {
      "Content-Type": "application/json",
      "User-Agent": "Tollgate-Webhooks/1",
      "Tollgate-Event": delivery.eventType,
      "Tollgate-Delivery": delivery.id,
      [SIGNATURE_HEADER]: signatureHeader(secret, body, Math.floor(Date.now() / 1000)),
    },
  });
}

export async function deliverDueWebhooks(options: DeliveryOptions = {}): Promise<RoundResult> {
  const e = env();
  const client = options.client ?? db();
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? e.WEBHOOK_TIMEOUT_MS;
  const allowPrivate = options.allowPrivate ?? allowPrivateTargets();
  const claimed = await claimDeliveries(client, {
    now: now(),
    // Long enough to cover the send and its bookkeeping; then the delivery is anyone's again.
    leaseMs: timeoutMs * 2 + 30_000,
    limit: options.limit ?? 10,
  });
  const outcomes = await Promise.all(
    claimed.map(async (delivery) => {
      const result = await attempt(client, delivery, { timeoutMs, allowPrivate });
      await recordAttempt(client, delivery, result, {
        now: now(),
        maxAttempts: options.maxAttempts ?? e.WEBHOOK_MAX_ATTEMPTS,
        disableAfter: options.disableAfter ?? e.WEBHOOK_DISABLE_AFTER,
        retryInMs: retryDelayMs(
          delivery.attempts,
          options.retryBaseMs ?? e.WEBHOOK_RETRY_BASE_SECONDS * 1000,
          options.random,
        ),
      });
      return result.ok;
    }),
  );
  const delivered = outcomes.filter(Boolean).length;
  return { claimed: claimed.length, delivered, failed: claimed.length - delivered };
}
