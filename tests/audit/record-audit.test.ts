import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/record-audit";
import type { StaffActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";

const actor: StaffActor = {
  type: "USER",
  kind: "STAFF",
  userId: "usr_test",
  email: "auditor-test@vendor.test",
  sessionId: "ses_test",
  roles: ["security_admin"],
  permissions: new Set(["customers:write", "audit:read"]),
  stepUpAt: null,
};

describe("recordAudit", () => {
  it("writes the event with the actor's roles and permissions at that moment", async () => {
    const requestId = randomUUID();
    await db().$transaction((tx) =>
      recordAudit(tx, {
        action: "customers.created",
        actor,
        request: { requestId, ip: "192.0.2.10", userAgent: "vitest" },
        target: { type: "customer", id: "cus_1" },
        before: null,
        after: { name: "Globex", seats: 10n },
      }),
    );
    const event = await db().auditEvent.findFirstOrThrow({ where: { requestId } });
    expect(event).toMatchObject({
      action: "customers.created",
      result: "SUCCESS",
      actorType: "USER",
      actorId: "usr_test",
      actorLabel: "auditor-test@vendor.test",
      actorRoles: ["security_admin"],
      actorPermissions: ["audit:read", "customers:write"],
      ip: "192.0.2.10",
      targetType: "customer",
      targetId: "cus_1",
      after: { name: "Globex", seats: "10" },
    });
  });

  it("is rolled back with the change it describes", async () => {
    const requestId = randomUUID();
    const slug = `rollback-${requestId.slice(0, 8)}`;
    await expect(
      db().$transaction(async (tx) => {
        await tx.customer.create({ data: { slug, name: "Rolled back" } });
        await recordAudit(tx, {
          action: "customers.created",
          actor,
          request: { requestId },
          target: { type: "customer", id: slug },
        });
        throw new Error("the change fails after auditing");
      }),
    ).rejects.toThrow("the change fails");
    expect(await db().auditEvent.count({ where: { requestId } })).toBe(0);
    expect(await db().customer.count({ where: { slug } })).toBe(0);
  });
});
