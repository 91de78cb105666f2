// Managing endpoints: the secret is returned once and stored only encrypted (never in the audit
// event), only settings:write may add one, turning an endpoint back on clears its failures, and
// rotating the secret replaces it.
import { describe, expect, it } from "vitest";
import { ENCRYPTED_FIELDS } from "@/lib/crypto/encrypted-columns";
import { decryptField } from "@/lib/crypto/field-encryption";
import { db } from "@/lib/db/client";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { setWebhookEndpointStatus } from "@/lib/webhooks/set-webhook-endpoint-status";
import { staff, thrown, uniq } from "../licensing/factories";

const manager = () => staff(["settings:read", "settings:write"]);

describe("webhook endpoints", () => {
  it("keeps the secret only encrypted, shows it once, and audits the endpoint without it", async () => {
    const name = uniq("siem");
    const { id, secret } = await createWebhookEndpoint({
      actor: manager(),
      input: {
        name,
        url: "https://siem.example.com/hook",
        events: ["alerts.*", "licenses.revoked"],
      },
    });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const [row] = await db().$queryRaw<Record<string, unknown>[]>`
      SELECT * FROM "WebhookEndpoint" WHERE "id" = ${id}`;
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(decryptField(String(row?.secretCiphertext), ENCRYPTED_FIELDS.webhookSecret)).toBe(
      secret,
    );
    expect(row?.secretHint).toBe(secret.slice(-4));
    expect(row?.events).toEqual(["alerts.*", "licenses.revoked"]);
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "webhooks.created", targetId: id },
    });
    expect(JSON.stringify({ ...audit, seq: String(audit.seq) })).not.toContain(secret);
    expect(audit.after).toMatchObject({ name, url: "https://siem.example.com/hook" });
    await setWebhookEndpointStatus({
      actor: manager(),
      input: { endpointId: id, status: "DISABLED" },
    });
  });

  it("refuses staff without settings:write", async () => {
    const error = await thrown(() =>
      createWebhookEndpoint({
        actor: staff(["settings:read"]),
        input: { name: "x", url: "https://siem.example.com/hook", events: ["alerts.*"] },
      }),
    );
    expect(error).toMatchObject({ code: "forbidden" });
  });

  it("clears the failure count when turned back on, and rotates the secret", async () => {
    const { id, secret } = await createWebhookEndpoint({
      actor: manager(),
      input: { name: uniq("siem"), url: "https://siem.example.com/hook", events: ["alerts.*"] },
    });
    await db().webhookEndpoint.update({
      where: { id },
      data: { status: "DISABLED", consecutiveFailures: 20, disabledReason: "20 failed attempts" },
    });
    await setWebhookEndpointStatus({
      actor: manager(),
      input: { endpointId: id, status: "ACTIVE" },
    });
    const on = await db().webhookEndpoint.findUniqueOrThrow({ where: { id } });
    expect(on).toMatchObject({ status: "ACTIVE", consecutiveFailures: 0, disabledReason: null });
    expect(
      await db().auditEvent.count({ where: { action: "webhooks.enabled", targetId: id } }),
    ).toBe(1);

    const rotated = await rotateWebhookSecret({ actor: manager(), input: { endpointId: id } });
    expect(rotated.secret).not.toBe(secret);
    const after = await db().webhookEndpoint.findUniqueOrThrow({ where: { id } });
    expect(decryptField(after.secretCiphertext, ENCRYPTED_FIELDS.webhookSecret)).toBe(
      rotated.secret,
    );
    await setWebhookEndpointStatus({
      actor: manager(),
      input: { endpointId: id, status: "DISABLED" },
    });
  });
});
