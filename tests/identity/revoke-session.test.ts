// The sessions page's revoke: one staff session ends, audited; customer sessions are not reached
// from here; it needs sessions:revoke.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { revokeSession } from "@/lib/identity/revoke-session";
import { staff } from "../licensing/factories";
import { createCustomerUser, createSession, createStaffUser } from "./factories";

describe("revokeSession", () => {
  it("ends exactly that staff session and audits whose it was", async () => {
    const user = await createStaffUser();
    const { session } = await createSession(user.id);
    const { session: other } = await createSession(user.id);
    const admin = staff(["sessions:read", "sessions:revoke"]);
    const requestId = randomUUID();
    await revokeSession({ actor: admin, input: { sessionId: session.id }, request: { requestId } });
    expect(await db().session.findUnique({ where: { id: session.id } })).toBeNull();
    expect(await db().session.findUnique({ where: { id: other.id } })).not.toBeNull();
    expect(await db().auditEvent.findFirst({ where: { requestId } })).toMatchObject({
      action: "sessions.revoked",
      actorId: admin.userId,
      targetId: user.id,
    });
  });

  it("does not reach customer sessions, and needs sessions:revoke", async () => {
    const customer = await createCustomerUser();
    const { session } = await createSession(customer.id);
    await expect(
      revokeSession({ actor: staff(["sessions:revoke"]), input: { sessionId: session.id } }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      revokeSession({ actor: staff(["sessions:read"]), input: { sessionId: session.id } }),
    ).rejects.toMatchObject({ status: 403 });
    expect(await db().session.findUnique({ where: { id: session.id } })).not.toBeNull();
  });
});
