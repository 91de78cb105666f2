// Webhook delivery: deliveries join the queue in the audit event's transaction, survive a worker
// that dies holding them, are retried with backoff after a failure, turn their endpoint off with
// an alert after repeated failures, and carry a signature that the recipe in docs/audit.md
// verifies as written. Outbound requests refuse private targets unless allowed, follow no
// redirect and time out.
import { afterEach, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { claimDeliveries } from "@/lib/webhooks/claim-deliveries";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { deliverDueWebhooks, type DeliveryOptions } from "@/lib/webhooks/deliver-due-webhooks";
import { sendWebhook } from "@/lib/webhooks/send-webhook";
import { startWebhookWorker } from "@/lib/webhooks/webhook-worker";
import { staff, uniq } from "../licensing/factories";
import { documentedRecipe } from "./documented-recipe";
import { startReceiver, type Receiver } from "./receiver";

const receivers: Receiver[] = [];
const endpoints: string[] = [];

afterEach(async () => {
  // Other test files write license events too: an endpoint left on would keep collecting them.
  await db().webhookEndpoint.updateMany({
    where: { id: { in: endpoints.splice(0) } },
    data: { status: "DISABLED" },
  });
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

async function receiver(...args: Parameters<typeof startReceiver>) {
  const r = await startReceiver(...args);
  receivers.push(r);
  return r;
}

async function endpointFor(url: string, events = ["licenses.revoked"]) {
  const created = await createWebhookEndpoint({
    actor: staff(["settings:write"]),
    input: { name: uniq("hook"), url, events },
  });
  endpoints.push(created.id);
  return created;
}

// A license event, written the way every operation writes one.
async function licenseRevoked() {
  const { id } = await recordAudit(db(), {
    action: "licenses.revoked",
    actor: systemActor("webhook-test"),
    target: { type: "license", id: uniq("lic") },
    reason: "test",
  });
  return id;
}

const deliveryOf = (endpointId: string, auditEventId: string) =>
  db().webhookDelivery.findFirstOrThrow({
    where: { endpointId, auditEventId },
    include: { attemptLog: { orderBy: { attempt: "asc" } } },
  });

const opts = (o: DeliveryOptions = {}): DeliveryOptions => ({
  allowPrivate: true,
  limit: 50,
  ...o,
});

describe("webhook delivery", () => {
  it("delivers a signed event that the documented recipe verifies, and nothing else verifies", async () => {
    const r = await receiver(() => ({ status: 204 }));
    const { id: endpointId, secret } = await endpointFor(r.url);
    const eventId = await licenseRevoked();
    await deliverDueWebhooks(opts());

    const delivery = await deliveryOf(endpointId, eventId);
    expect(delivery.status).toBe("DELIVERED");
    expect(delivery.attemptLog.map((a) => a.statusCode)).toEqual([204]);
    const got = r.received.find((x) => x.deliveryId === delivery.id);
    if (!got) throw new Error("the receiver did not get the delivery");
    const body = JSON.parse(got.body) as { type: string; event: { id: string; hash: string } };
    expect(body.type).toBe("licenses.revoked");
    expect(body.event.id).toBe(eventId);
    expect(body.event.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(got.headers["tollgate-event"]).toBe("licenses.revoked");

    const verify = await documentedRecipe();
    const header = String(got.headers["tollgate-signature"]);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verify(secret, header, got.body)).toBe(true);
    expect(verify(secret, header, got.body.replace("licenses.revoked", "licenses.created"))).toBe(
      false,
    );
    expect(verify(`${secret}x`, header, got.body)).toBe(false);
    const t = Number(/t=(\d+)/.exec(header)?.[1]);
    // Outside the replay window the same, valid signature is refused.
    expect(verify(secret, header, got.body, t + 301)).toBe(false);
  });

  it("queues deliveries in the event's transaction: a rolled-back change queues nothing", async () => {
    const r = await receiver(() => ({ status: 200 }));
    const { id: endpointId } = await endpointFor(r.url);
    await expect(
      db().$transaction(async (tx) => {
        await recordAudit(tx, {
          action: "licenses.revoked",
          actor: systemActor("webhook-test"),
          target: { type: "license", id: uniq("lic") },
        });
        throw new Error("the change fails after its audit event");
      }),
    ).rejects.toThrow("the change fails");
    expect(await db().webhookDelivery.count({ where: { endpointId } })).toBe(0);
    await licenseRevoked();
    expect(await db().webhookDelivery.count({ where: { endpointId } })).toBe(1);
  });

  it("survives a worker that dies holding a delivery: a new worker sends it once the lease ends", async () => {
    const r = await receiver(() => ({ status: 200 }));
    const { id: endpointId } = await endpointFor(r.url);
    const eventId = await licenseRevoked();
    const queued = await deliveryOf(endpointId, eventId);

    // The first process claims its batch and is killed before sending anything.
    const claimed = await claimDeliveries(db(), { now: new Date(), leaseMs: 60_000, limit: 1000 });
    expect(claimed.map((c) => c.id)).toContain(queued.id);

    // A new process started at once does not take what is still leased...
    await deliverDueWebhooks(opts());
    expect(r.received).toHaveLength(0);
    // ...and sends it when the lease has run out.
    const later = new Date(Date.now() + 61_000);
    const worker = startWebhookWorker({ ...opts({ now: () => later }), pollMs: 60_000 });
    await expect
      .poll(() => r.received.map((x) => x.deliveryId), { timeout: 15_000 })
      .toContain(queued.id);
    await worker.stop();
    const delivered = await deliveryOf(endpointId, eventId);
    expect(delivered.status).toBe("DELIVERED");
    expect(delivered.attempts).toBe(2);
  });

  it("retries after a 500 with exponential backoff and jitter, and logs each response", async () => {
    const r = await receiver((_req, attempt) => ({ status: attempt === 1 ? 500 : 200 }));
    const { id: endpointId } = await endpointFor(r.url);
    const eventId = await licenseRevoked();
    const t0 = new Date();
    await deliverDueWebhooks(opts({ now: () => t0, retryBaseMs: 60_000, random: () => 0.5 }));

    const failed = await deliveryOf(endpointId, eventId);
    expect(failed.status).toBe("PENDING");
    expect(failed.lastStatusCode).toBe(500);
    // attempt 1: half of 60 s fixed plus half of the jitter (0.5 of 30 s)
    expect(failed.nextAttemptAt.getTime() - t0.getTime()).toBe(45_000);

    await deliverDueWebhooks(opts({ now: () => new Date(t0.getTime() + 44_000) }));
    expect((await deliveryOf(endpointId, eventId)).attempts).toBe(1);

    await deliverDueWebhooks(opts({ now: () => new Date(t0.getTime() + 45_000) }));
    const done = await deliveryOf(endpointId, eventId);
    expect(done.status).toBe("DELIVERED");
    expect(done.attemptLog.map((a) => a.statusCode)).toEqual([500, 200]);
    expect(r.received.filter((x) => x.deliveryId === done.id)).toHaveLength(2);
  });

  it("turns the endpoint off after repeated failures, raises an alert, and keeps what is pending", async () => {
    const r = await receiver(() => ({ status: 503 }));
    const { id: endpointId } = await endpointFor(r.url);
    const events = [await licenseRevoked(), await licenseRevoked(), await licenseRevoked()];
    let now = Date.now();
    for (let round = 0; round < 3; round++) {
      now += 3_600_000;
      const at = new Date(now);
      await deliverDueWebhooks(opts({ now: () => at, disableAfter: 3, retryBaseMs: 1000 }));
    }
    const endpoint = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
    expect(endpoint.status).toBe("DISABLED");
    expect(endpoint.disabledReason).toMatch(/failed attempts in a row/);
    const alert = await db().alert.findFirst({
      where: { kind: "webhooks.endpoint_disabled", subject: `webhook:${endpointId}` },
    });
    expect(alert?.status).toBe("OPEN");
    expect(
      await db().auditEvent.count({
        where: { action: "webhooks.disabled", targetType: "webhook", targetId: endpointId },
      }),
    ).toBe(1);

    // Off: nothing more is sent, and nothing is dropped either.
    const sent = r.received.length;
    await deliverDueWebhooks(opts({ now: () => new Date(now + 86_400_000) }));
    expect(r.received.length).toBe(sent);
    for (const eventId of events) {
      expect((await deliveryOf(endpointId, eventId)).status).toBe("PENDING");
    }
  });

  it("selects events by name and by family, and queues nothing for others", async () => {
    const r = await receiver(() => ({ status: 200 }));
    const byFamily = await endpointFor(r.url, ["alerts.*"]);
    const byName = await endpointFor(r.url, ["licenses.suspended"]);
    const revoked = await licenseRevoked();
    const suspended = await recordAudit(db(), {
      action: "licenses.suspended",
      actor: systemActor("webhook-test"),
      target: { type: "license", id: uniq("lic") },
    });
    const raised = await recordAudit(db(), {
      action: "alerts.raised",
      actor: systemActor("webhook-test"),
      target: { type: "alert", id: uniq("alr") },
    });
    const queued = async (endpointId: string) =>
      (
        await db().webhookDelivery.findMany({
          where: { endpointId },
          select: { auditEventId: true },
        })
      ).map((d) => d.auditEventId);
    expect(await queued(byFamily.id)).toEqual([raised.id]);
    expect(await queued(byName.id)).toEqual([suspended.id]);
    expect([...(await queued(byFamily.id)), ...(await queued(byName.id))]).not.toContain(revoked);
  });
});

describe("outbound requests", () => {
  const send = (url: string, o: { allowPrivate?: boolean; timeoutMs?: number } = {}) =>
    sendWebhook({
      url,
      body: "{}",
      headers: { "Content-Type": "application/json" },
      timeoutMs: o.timeoutMs ?? 5000,
      allowPrivate: o.allowPrivate ?? false,
    });

  it("refuses loopback and private targets, by address or by name, unless allowed", async () => {
    const r = await receiver(() => ({ status: 200 }));
    const port = new URL(r.url).port;
    for (const url of [
      r.url,
      `http://localhost:${port}/hook`,
      `http://[::ffff:127.0.0.1]:${port}/`,
    ]) {
      const result = await send(url);
      expect(result.ok).toBe(false);
      expect(result.error).toMatch(/^refused/);
    }
    expect(r.received).toHaveLength(0);
    expect((await send(r.url, { allowPrivate: true })).statusCode).toBe(200);
  });

  it("follows no redirect and gives up at the timeout", async () => {
    const target = await receiver(() => ({ status: 200 }));
    const redirecting = await receiver(() => ({ status: 307, headers: { Location: target.url } }));
    const redirected = await send(redirecting.url, { allowPrivate: true });
    expect(redirected).toMatchObject({
      ok: false,
      statusCode: 307,
      error: "redirect not followed",
    });
    expect(target.received).toHaveLength(0);

    const silent = await receiver(() => "hang");
    const timedOut = await send(silent.url, { allowPrivate: true, timeoutMs: 300 });
    expect(timedOut).toMatchObject({ ok: false, statusCode: null, error: "timed out" });
  });
});
