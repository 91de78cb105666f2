// authenticateStaff / authenticateCustomer against real sessions in PostgreSQL: lifetime rules,
// suspension cut-off, MFA and step-up, the network allowlist, CSRF, and the separation of the
// two portals.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { authenticateCustomer } from "@/lib/identity/authenticate-customer";
import { authenticateStaff } from "@/lib/identity/authenticate-staff";
import { withEnv } from "./env-override";
import {
  cookieHeaders,
  createCustomerUser,
  createSession,
  createStaffUser,
  ctxFor,
} from "./factories";

const ago = (seconds: number) => new Date(Date.now() - seconds * 1000);

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("authenticateStaff", () => {
  it("turns a live, MFA-verified staff session into an actor with the user's effective permissions", async () => {
    const user = await createStaffUser({ permissions: ["audit:read", "customers:read"] });
    const { token, session } = await createSession(user.id);
    const actor = await authenticateStaff(cookieHeaders(token), ctxFor(), { stepUp: false });
    expect(actor).toMatchObject({
      kind: "STAFF",
      userId: user.id,
      email: user.email,
      sessionId: session.id,
    });
    expect([...actor.permissions].sort()).toEqual(["audit:read", "customers:read"]);
  });

  it("refuses a session that has not passed the second factor", async () => {
    const user = await createStaffUser();
    const { token } = await createSession(user.id, { mfaVerifiedAt: null, idpAmr: ["pwd", "hwk"] });
    const error = await refusal(
      authenticateStaff(cookieHeaders(token), ctxFor(), { stepUp: false }),
    );
    expect(error.status).toBe(401);
    expect(error.extra.mfaRequired).toBe(true);
  });

  it("trusts the IdP's hardware-key amr only when configured, and never amr with sms", async () => {
    const user = await createStaffUser();
    const hwk = await createSession(user.id, { mfaVerifiedAt: null, idpAmr: ["pwd", "hwk"] });
    const sms = await createSession(user.id, { mfaVerifiedAt: null, idpAmr: ["pwd", "sms"] });
    await withEnv({ TRUST_IDP_MFA: "true", IDP_MFA_AMR: "hwk,sms,tel" }, async () => {
      await expect(
        authenticateStaff(cookieHeaders(hwk.token), ctxFor(), { stepUp: false }),
      ).resolves.toMatchObject({ userId: user.id });
      const error = await refusal(
        authenticateStaff(cookieHeaders(sms.token), ctxFor(), { stepUp: false }),
      );
      expect(error.extra.mfaRequired).toBe(true);
    });
    await withEnv({ TRUST_IDP_MFA: "false" }, async () => {
      expect(
        (await refusal(authenticateStaff(cookieHeaders(hwk.token), ctxFor(), { stepUp: false })))
          .status,
      ).toBe(401);
    });
  });

  it("ends an idle session: refused, deleted, cookie cleared, auth.session_expired audited", async () => {
    const user = await createStaffUser();
    const { token, session } = await createSession(user.id, { lastSeenAt: ago(31 * 60) });
    const ctx = ctxFor();
    const error = await refusal(authenticateStaff(cookieHeaders(token), ctx, { stepUp: false }));
    expect(error.status).toBe(401);
    expect(error.extra.headers?.["set-cookie"]).toMatch(/^tollgate\.session=;.*Max-Age=0/);
    expect(await db().session.count({ where: { id: session.id } })).toBe(0);
    const event = await db().auditEvent.findFirstOrThrow({
      where: { action: "auth.session_expired", requestId: ctx.requestId },
    });
    expect(event).toMatchObject({
      result: "DENIED",
      actorId: user.id,
      ip: ctx.ip,
      userAgent: "vitest-identity",
      targetId: session.id,
    });
    expect(event.reason).toMatch(/idle/);
  });

  it("ends a session at its absolute lifetime even when it is in use", async () => {
    const user = await createStaffUser();
    const { token } = await createSession(user.id, {
      createdAt: ago(13 * 3600),
      lastSeenAt: ago(5),
    });
    const ctx = ctxFor();
    expect(
      (await refusal(authenticateStaff(cookieHeaders(token), ctx, { stepUp: false }))).extra
        .sessionExpired,
    ).toBe(true);
    const event = await db().auditEvent.findFirstOrThrow({
      where: { action: "auth.session_expired", requestId: ctx.requestId },
    });
    expect(event.reason).toMatch(/absolute/);
  });

  it("refuses a revoked (deleted) session", async () => {
    const user = await createStaffUser();
    const { token, session } = await createSession(user.id);
    await db().session.delete({ where: { id: session.id } });
    expect(
      (await refusal(authenticateStaff(cookieHeaders(token), ctxFor(), { stepUp: false }))).status,
    ).toBe(401);
  });

  it("cuts off a suspended user at the next request and ends all of their sessions", async () => {
    const user = await createStaffUser();
    const a = await createSession(user.id);
    await createSession(user.id);
    await expect(
      authenticateStaff(cookieHeaders(a.token), ctxFor(), { stepUp: false }),
    ).resolves.toBeTruthy();
    await db().user.update({ where: { id: user.id }, data: { status: "SUSPENDED" } });
    expect(
      (await refusal(authenticateStaff(cookieHeaders(a.token), ctxFor(), { stepUp: false })))
        .message,
    ).toMatch(/suspended/);
    expect(await db().session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("records activity at most once a minute", async () => {
    const user = await createStaffUser();
    const old = ago(120);
    const { token, session } = await createSession(user.id, { lastSeenAt: old });
    await authenticateStaff(cookieHeaders(token), ctxFor(), { stepUp: false });
    const touched = await db().session.findUniqueOrThrow({ where: { id: session.id } });
    expect(touched.lastSeenAt.getTime()).toBeGreaterThan(old.getTime() + 60_000);
    await authenticateStaff(cookieHeaders(token), ctxFor(), { stepUp: false });
    expect(
      (await db().session.findUniqueOrThrow({ where: { id: session.id } })).lastSeenAt,
    ).toEqual(touched.lastSeenAt);
  });

  it("requires a fresh step-up for sensitive actions", async () => {
    const user = await createStaffUser();
    const stale = await createSession(user.id, { stepUpAt: ago(6 * 60) });
    const fresh = await createSession(user.id, { stepUpAt: ago(30) });
    const error = await refusal(
      authenticateStaff(cookieHeaders(stale.token), ctxFor(), { stepUp: true }),
    );
    expect(error.status).toBe(403);
    expect(error.extra.stepUpRequired).toBe(true);
    await expect(
      authenticateStaff(cookieHeaders(fresh.token), ctxFor(), { stepUp: true }),
    ).resolves.toMatchObject({ userId: user.id });
    await expect(
      authenticateStaff(cookieHeaders(stale.token), ctxFor(), { stepUp: false }),
    ).resolves.toMatchObject({ userId: user.id });
  });

  it("refuses an address outside the staff allowlist and audits auth.ip_blocked", async () => {
    const user = await createStaffUser();
    const { token } = await createSession(user.id);
    const ctx = ctxFor("203.0.113.9");
    const error = await refusal(
      authenticateStaff(cookieHeaders(token), ctx, { stepUp: false, path: "/api/x" }),
    );
    expect(error.status).toBe(403);
    expect(error.message).toBe("Access from your network is not allowed.");
    const event = await db().auditEvent.findFirstOrThrow({
      where: { action: "auth.ip_blocked", requestId: ctx.requestId },
    });
    expect(event).toMatchObject({ ip: "203.0.113.9", result: "DENIED", targetId: "/api/x" });
  });

  it("accepts the allowlisted client behind a trusted proxy, and only behind one", async () => {
    const user = await createStaffUser();
    const { token } = await createSession(user.id);
    await withEnv(
      { TRUSTED_PROXIES: "192.0.2.1/32", STAFF_IP_ALLOWLIST: "10.8.0.0/16" },
      async () => {
        const viaProxy = ctxFor("192.0.2.1", { "x-forwarded-for": "10.8.1.2" });
        await expect(
          authenticateStaff(cookieHeaders(token), viaProxy, { stepUp: false }),
        ).resolves.toBeTruthy();
        const forged = ctxFor("198.51.100.4", { "x-forwarded-for": "10.8.1.2" });
        expect(
          (await refusal(authenticateStaff(cookieHeaders(token), forged, { stepUp: false })))
            .status,
        ).toBe(403);
      },
    );
  });

  it("refuses state-changing requests that do not come from the portal's own origin (CSRF)", async () => {
    const user = await createStaffUser();
    const { token } = await createSession(user.id);
    const cross = cookieHeaders(token, {
      origin: "https://evil.example",
      "sec-fetch-site": "cross-site",
    });
    expect(
      (await refusal(authenticateStaff(cross, ctxFor(), { stepUp: false, method: "POST" }))).extra
        .csrf,
    ).toBe(true);
    expect(
      (
        await refusal(
          authenticateStaff(cookieHeaders(token), ctxFor(), { stepUp: false, method: "POST" }),
        )
      ).status,
    ).toBe(403);
    const same = cookieHeaders(token, { origin: "http://localhost:3000" });
    await expect(
      authenticateStaff(same, ctxFor(), { stepUp: false, method: "POST" }),
    ).resolves.toBeTruthy();
    await expect(
      authenticateStaff(cookieHeaders(token), ctxFor(), { stepUp: false, method: "GET" }),
    ).resolves.toBeTruthy();
  });

  it("never accepts a customer user's session on a staff route", async () => {
    const customer = await createCustomerUser();
    const { token } = await createSession(customer.id);
    const error = await refusal(
      authenticateStaff(cookieHeaders(token), ctxFor(), { stepUp: false }),
    );
    expect(error.status).toBe(403);
  });
});

describe("authenticateCustomer", () => {
  it("gives a member a customer actor scoped to their customer", async () => {
    const customer = await createCustomerUser();
    const membership = await db().customerMembership.findFirstOrThrow({
      where: { userId: customer.id },
    });
    const { token } = await createSession(customer.id, { mfaVerifiedAt: null });
    const actor = await authenticateCustomer(cookieHeaders(token), ctxFor("198.51.100.7"), {});
    expect(actor).toMatchObject({
      kind: "CUSTOMER",
      userId: customer.id,
      customerId: membership.customerId,
      membershipRole: "ADMIN",
    });
  });

  it("never accepts a staff session on a customer route", async () => {
    const user = await createStaffUser();
    const { token } = await createSession(user.id);
    expect((await refusal(authenticateCustomer(cookieHeaders(token), ctxFor(), {}))).status).toBe(
      403,
    );
  });

  it("refuses a user who is no longer a member of any customer", async () => {
    const customer = await createCustomerUser({ member: false });
    const { token } = await createSession(customer.id);
    expect((await refusal(authenticateCustomer(cookieHeaders(token), ctxFor(), {}))).status).toBe(
      403,
    );
  });
});
