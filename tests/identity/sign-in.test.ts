// The OIDC sign-in decisions next-auth delegates to us (signIn callback, adapter, events), run
// against the database as next-auth runs them during a callback.
import type { Account, Profile } from "next-auth";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { approveSignIn } from "@/lib/identity/next-auth/approve-sign-in";
import { identityAdapter } from "@/lib/identity/next-auth/identity-adapter";
import { recordSignIn } from "@/lib/identity/next-auth/record-sign-in";
import { newSignInAttempt, type SignInAttempt } from "@/lib/identity/next-auth/sign-in-attempt";
import { hashSessionToken, newSessionToken } from "@/lib/identity/session-token";
import {
  createCustomerUser,
  createSession,
  createStaffUser,
  ctxFor,
  uid,
  uniqueLoopbackIp,
} from "./factories";

function attempt(
  ip = uniqueLoopbackIp(),
  previousSessionToken: string | null = null,
): SignInAttempt {
  return newSignInAttempt({
    ctx: ctxFor(ip),
    action: "callback",
    providerId: "staff-oidc",
    previousSessionToken,
  });
}

function oidc(
  provider: "staff-oidc" | "customer-oidc",
  claims: Record<string, unknown>,
): { account: Account; profile: Profile } {
  const sub = `sub-${uid()}`;
  return {
    account: { provider, providerAccountId: sub, type: "oauth" },
    profile: { sub, email_verified: true, ...claims } as Profile,
  };
}

async function refusalEvent(a: SignInAttempt) {
  return db().auditEvent.findFirstOrThrow({
    where: { action: "auth.sign_in_refused", requestId: a.ctx.requestId },
  });
}

describe("approveSignIn (next-auth signIn callback)", () => {
  it("approves an allowlisted staff identity and marks it for provisioning, with the ID token's amr", async () => {
    const a = attempt();
    const email = `new-${uid()}@vendor.test`;
    expect(
      await approveSignIn(
        a,
        oidc("staff-oidc", { email: email.toUpperCase(), amr: ["pwd", "hwk"] }),
      ),
    ).toBe(true);
    expect(a.approved).toEqual({
      portal: "staff",
      provider: "staff-oidc",
      email,
      provision: true,
      amr: ["pwd", "hwk"],
    });
  });

  it("refuses an identity on no allowlist with a clear page and an audit event carrying IP, user agent and reason", async () => {
    const a = attempt();
    const email = `x-${uid()}@example.com`;
    const url = await approveSignIn(a, oidc("staff-oidc", { email, groups: ["engineering"] }));
    expect(url).toBe("http://localhost:3000/signin/refused?reason=not_allowed&portal=staff");
    expect(a.approved).toBeNull();
    const event = await refusalEvent(a);
    expect(event).toMatchObject({ result: "DENIED", ip: a.ctx.ip, userAgent: "vitest-identity" });
    expect(event.reason).toMatch(/^not_allowed: /);
    expect(event.metadata).toMatchObject({
      account: email,
      portal: "staff",
      reason: "not_allowed",
    });
    expect(await db().user.count({ where: { email } })).toBe(0);
  });

  it("lets an invited person in whatever their domain", async () => {
    const email = `guest-${uid()}@example.com`;
    await db().user.create({ data: { email, kind: "STAFF", invitedAt: new Date() } });
    const a = attempt();
    expect(await approveSignIn(a, oidc("staff-oidc", { email }))).toBe(true);
    expect(a.approved?.provision).toBe(false);
  });

  it("keeps the portals apart: a customer user cannot sign in as staff, nor staff as a customer", async () => {
    const customer = await createCustomerUser({ email: `ops-${uid()}@vendor.test` });
    const a = attempt();
    expect(await approveSignIn(a, oidc("staff-oidc", { email: customer.email }))).toMatch(
      /reason=wrong_portal&portal=staff$/,
    );
    expect((await refusalEvent(a)).targetId).toBe(customer.id);

    const staff = await createStaffUser();
    const b = attempt();
    expect(await approveSignIn(b, oidc("customer-oidc", { email: staff.email }))).toMatch(
      /reason=wrong_portal&portal=customer$/,
    );
  });

  it("admits customer members only, and creates nobody through the customer provider", async () => {
    const member = await createCustomerUser();
    expect(await approveSignIn(attempt(), oidc("customer-oidc", { email: member.email }))).toBe(
      true,
    );
    const stranger = `who-${uid()}@globex.test`;
    const a = attempt();
    expect(await approveSignIn(a, oidc("customer-oidc", { email: stranger }))).toMatch(
      /reason=no_membership/,
    );
    await expect(
      identityAdapter(a).createUser?.({ email: stranger, emailVerified: null }),
    ).rejects.toThrow(/did not approve/);
    expect(await db().user.count({ where: { email: stranger } })).toBe(0);
  });

  it("refuses a suspended user", async () => {
    const user = await createStaffUser({ status: "SUSPENDED" });
    expect(await approveSignIn(attempt(), oidc("staff-oidc", { email: user.email }))).toMatch(
      /reason=suspended/,
    );
  });

  it("locks an account after repeated refusals and raises an alert", async () => {
    const user = await createStaffUser({ status: "SUSPENDED" });
    // Different addresses each time: the account is what gets locked.
    for (let i = 0; i < 5; i++)
      await approveSignIn(attempt(), oidc("staff-oidc", { email: user.email }));
    const a = attempt();
    expect(await approveSignIn(a, oidc("staff-oidc", { email: user.email }))).toMatch(
      /reason=locked/,
    );
    const locked = await db().auditEvent.findFirstOrThrow({
      where: { action: "auth.locked_out", requestId: a.ctx.requestId },
    });
    expect(locked).toMatchObject({ result: "DENIED", ip: a.ctx.ip, targetId: user.id });
    const alert = await db().alert.findFirstOrThrow({
      where: { kind: "signin.lockout", subject: `account:${user.email}` },
    });
    expect(alert.status).toBe("OPEN");
    expect(alert.count).toBeGreaterThanOrEqual(2);
  });
});

describe("identity adapter and sign-in events", () => {
  it("creates the approved staff user, links the IdP account without its tokens, and a session holding the token hash, amr, IP and agent", async () => {
    const a = attempt();
    const email = `first-${uid()}@vendor.test`;
    const { account, profile } = oidc("staff-oidc", { email, amr: ["pwd"] });
    expect(await approveSignIn(a, { account, profile })).toBe(true);
    const adapter = identityAdapter(a);
    const user = await adapter.createUser?.({ email, name: "First Timer", emailVerified: null });
    expect(user).toBeTruthy();
    if (!user) return;
    await adapter.linkAccount?.({
      ...account,
      userId: user.id,
      access_token: "secret-at",
      id_token: "secret-id",
    });
    const token = newSessionToken();
    const expires = new Date(Date.now() + 3600_000);
    expect(
      await adapter.createSession?.({ sessionToken: token, userId: user.id, expires }),
    ).toEqual({ sessionToken: token, userId: user.id, expires });

    const stored = await db().user.findUniqueOrThrow({
      where: { id: user.id },
      include: { accounts: true, sessions: true },
    });
    expect(stored.kind).toBe("STAFF");
    expect(stored.accounts[0]).toMatchObject({
      provider: "staff-oidc",
      providerAccountId: account.providerAccountId,
      access_token: null,
      id_token: null,
    });
    expect(stored.sessions[0]).toMatchObject({
      sessionToken: hashSessionToken(token),
      idpAmr: ["pwd"],
      ip: a.ctx.ip,
      userAgent: "vitest-identity",
      mfaVerifiedAt: null,
    });
    expect(stored.sessions[0]?.sessionToken).not.toBe(token);

    await recordSignIn(a, { user: { id: user.id }, account, isNewUser: true });
    const events = await db().auditEvent.findMany({
      where: { requestId: a.ctx.requestId },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual(["users.provisioned", "auth.signed_in"]);
    expect(events[1]).toMatchObject({
      result: "SUCCESS",
      actorId: user.id,
      ip: a.ctx.ip,
      userAgent: "vitest-identity",
    });
    expect(events[1]?.reason).toMatch(/security key check pending/);
    expect(
      (await db().user.findUniqueOrThrow({ where: { id: user.id } })).lastSignInAt,
    ).not.toBeNull();
  });

  it("refuses to create a session that the signIn callback did not approve", async () => {
    const user = await createStaffUser();
    await expect(
      identityAdapter(attempt()).createSession?.({
        sessionToken: newSessionToken(),
        userId: user.id,
        expires: new Date(),
      }),
    ).rejects.toThrow();
  });

  it("ignores the browser's current session during a callback and replaces it after sign-in (no linking to it, no fixation)", async () => {
    const user = await createStaffUser();
    const previous = await createSession(user.id);
    const a = attempt(uniqueLoopbackIp(), previous.token);
    expect(await identityAdapter(a).getSessionAndUser?.(previous.token)).toBeNull();
    const { account, profile } = oidc("staff-oidc", { email: user.email });
    expect(await approveSignIn(a, { account, profile })).toBe(true);
    await identityAdapter(a).createSession?.({
      sessionToken: newSessionToken(),
      userId: user.id,
      expires: new Date(Date.now() + 3600_000),
    });
    await recordSignIn(a, { user: { id: user.id }, account });
    expect(await db().session.count({ where: { id: previous.session.id } })).toBe(0);
    expect(await db().session.count({ where: { userId: user.id } })).toBe(1);
  });
});
