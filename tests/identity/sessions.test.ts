// Ending sessions: sign out, sign out everywhere, an administrator's revocation, and the page
// that clears a dead cookie; the WebAuthn challenge stored on the session.
import { describe, expect, it } from "vitest";
import type { StaffActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { staffActorFor } from "@/lib/identity/identity-actor";
import { revokeUserSessions } from "@/lib/users/revoke-user-sessions";
import { signOut } from "@/lib/identity/sign-out";
import { storeChallenge, takeChallenge } from "@/lib/identity/webauthn/session-challenge";
import { GET as sessionEnded } from "@/app/signin/session-ended/route";
import {
  cookieHeaders,
  createCustomerUser,
  createSession,
  createStaffUser,
  ctxFor,
} from "./factories";

const noParams = { params: Promise.resolve({}) };

describe("signing out", () => {
  it("ends this session only, and audits auth.signed_out", async () => {
    const user = await createStaffUser();
    const a = await createSession(user.id);
    const b = await createSession(user.id);
    const ctx = ctxFor();
    expect(await signOut({ token: a.token, everywhere: false, request: ctx })).toEqual({
      portal: "staff",
      sessionsEnded: 1,
    });
    expect(
      await db().session.findMany({ where: { userId: user.id }, select: { id: true } }),
    ).toEqual([{ id: b.session.id }]);
    const event = await db().auditEvent.findFirstOrThrow({ where: { requestId: ctx.requestId } });
    expect(event).toMatchObject({ action: "auth.signed_out", actorId: user.id, ip: ctx.ip });
  });

  it("signs out everywhere", async () => {
    const user = await createStaffUser();
    const a = await createSession(user.id);
    await createSession(user.id);
    await createSession(user.id);
    expect(
      (await signOut({ token: a.token, everywhere: true, request: ctxFor() })).sessionsEnded,
    ).toBe(3);
    expect(await db().session.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("revokeUserSessions", () => {
  it("ends a customer user's sessions too, and audits a refused attempt as access.denied", async () => {
    const customer = await createCustomerUser();
    await createSession(customer.id);
    const weak = await createStaffUser({ permissions: ["sessions:read"] });
    const weakActor = await staffActorFor(db(), weak, { id: null, stepUpAt: null });
    const refusedCtx = ctxFor();
    await expect(
      revokeUserSessions({ actor: weakActor, input: { userId: customer.id }, request: refusedCtx }),
    ).rejects.toMatchObject({ status: 403, audited: true });
    const refusal = await db().auditEvent.findFirstOrThrow({
      where: { requestId: refusedCtx.requestId },
    });
    expect(refusal).toMatchObject({ action: "access.denied", result: "DENIED", actorId: weak.id });

    const admin = await createStaffUser({ permissions: ["sessions:revoke"] });
    const adminActor = await staffActorFor(db(), admin, { id: null, stepUpAt: new Date() });
    expect(
      await revokeUserSessions({
        actor: adminActor,
        input: { userId: customer.id },
        request: ctxFor(),
      }),
    ).toEqual({ sessionsRevoked: 1 });
    expect(await db().session.count({ where: { userId: customer.id } })).toBe(0);
  });

  it("needs sessions:revoke, then ends every session of the user and audits sessions.revoked", async () => {
    const target = await createStaffUser();
    await createSession(target.id);
    await createSession(target.id);
    const weak = await createStaffUser({ permissions: ["sessions:read"] });
    const admin = await createStaffUser({ permissions: ["sessions:revoke"] });
    const weakActor: StaffActor = await staffActorFor(db(), weak, { id: null, stepUpAt: null });
    await expect(
      revokeUserSessions({ actor: weakActor, input: { userId: target.id }, request: ctxFor() }),
    ).rejects.toBeInstanceOf(AppError);
    expect(await db().session.count({ where: { userId: target.id } })).toBe(2);

    const ctx = ctxFor();
    const adminActor = await staffActorFor(db(), admin, { id: null, stepUpAt: new Date() });
    expect(
      await revokeUserSessions({ actor: adminActor, input: { userId: target.id }, request: ctx }),
    ).toEqual({ sessionsRevoked: 2 });
    expect(await db().session.count({ where: { userId: target.id } })).toBe(0);
    const event = await db().auditEvent.findFirstOrThrow({ where: { requestId: ctx.requestId } });
    expect(event).toMatchObject({
      action: "sessions.revoked",
      actorId: admin.id,
      targetId: target.id,
    });
  });
});

describe("/signin/session-ended", () => {
  it("clears the cookie of a session that no longer exists and says why", async () => {
    const res = await sessionEnded(
      new Request("http://localhost:3000/signin/session-ended?reason=expired", {
        headers: cookieHeaders("gone-token"),
      }),
      noParams,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/signin?reason=expired");
    expect(res.headers.get("set-cookie")).toMatch(/^tollgate\.session=;.*Max-Age=0/);
  });

  it("never clears a live session's cookie (a cross-site link cannot sign anyone out)", async () => {
    const user = await createStaffUser();
    const { token } = await createSession(user.id);
    const res = await sessionEnded(
      new Request("http://localhost:3000/signin/session-ended?reason=revoked&portal=customer", {
        headers: cookieHeaders(token),
      }),
      noParams,
    );
    expect(res.headers.get("location")).toBe("/portal/signin?reason=revoked");
    expect(res.headers.get("set-cookie")).toBeNull();
  });
});

describe("WebAuthn challenges on the session", () => {
  it("are single use, bound to their purpose, and expire after five minutes", async () => {
    const user = await createStaffUser();
    const { session } = await createSession(user.id);
    await storeChallenge(db(), session.id, "mfa", "challenge-1");
    expect(await takeChallenge(db(), session.id, "mfa")).toBe("challenge-1");
    expect(await takeChallenge(db(), session.id, "mfa")).toBeNull();

    await storeChallenge(db(), session.id, "register", "challenge-2");
    expect(await takeChallenge(db(), session.id, "step-up")).toBeNull();
    // A mismatched attempt spends it too.
    expect(await takeChallenge(db(), session.id, "register")).toBeNull();

    const issued = new Date(Date.now() - 6 * 60 * 1000);
    await storeChallenge(db(), session.id, "step-up", "challenge-3", issued);
    expect(await takeChallenge(db(), session.id, "step-up")).toBeNull();
  });
});
