// The server side of the WebAuthn ceremonies, where it does not need a real authenticator (the
// end-to-end tests drive Chrome's virtual authenticator through the full flows): who may start
// an enrollment, and that failed or locked-out assertions are refused and audited.
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { StaffSession } from "@/lib/identity/authenticate-staff";
import { recordAuthFailure } from "@/lib/identity/record-auth-event";
import { finishAuthentication } from "@/lib/identity/webauthn/finish-authentication";
import { startAuthentication } from "@/lib/identity/webauthn/start-authentication";
import { startRegistration } from "@/lib/identity/webauthn/start-registration";
import { createSession, createStaffUser, ctxFor } from "./factories";

async function staffSession(
  fields: Parameters<typeof createSession>[1] = {},
): Promise<StaffSession> {
  const user = await createStaffUser();
  const { session } = await createSession(user.id, fields);
  return { session, user, mfaSatisfied: session.mfaVerifiedAt !== null };
}

async function addCredential(userId: string) {
  return db().webAuthnCredential.create({
    data: {
      userId,
      credentialId: `cred-${userId}`,
      publicKey: Buffer.from([1, 2, 3]),
      transports: ["usb"],
    },
  });
}

const bogusAssertion = (id: string): AuthenticationResponseJSON => ({
  id,
  rawId: id,
  type: "public-key",
  clientExtensionResults: {},
  response: { clientDataJSON: "e30", authenticatorData: "AAAA", signature: "AAAA" },
});

describe("enrollment", () => {
  it("offers registration to an account without a key, bound to the session and the portal's origin", async () => {
    const staff = await staffSession({ mfaVerifiedAt: null });
    const result = await startRegistration({ staff });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.rp).toEqual({ id: "localhost", name: "Tollgate" });
    expect(result.value.authenticatorSelection?.userVerification).toBe("preferred");
    const stored = await db().session.findUniqueOrThrow({ where: { id: staff.session.id } });
    expect(stored.challenge).toBe(`register:${result.value.challenge}`);
  });

  it("refuses a second key without a fresh step-up, so a stolen SSO session cannot add its own", async () => {
    const staff = await staffSession({ mfaVerifiedAt: null });
    await addCredential(staff.user.id);
    expect(await startRegistration({ staff })).toMatchObject({ ok: false, code: "forbidden" });
    const stepped = {
      ...staff,
      mfaSatisfied: true,
      session: { ...staff.session, stepUpAt: new Date() },
    };
    expect((await startRegistration({ staff: stepped })).ok).toBe(true);
  });
});

describe("assertions", () => {
  it("offers only the user's own keys, and step-up only after the second factor", async () => {
    const staff = await staffSession({ mfaVerifiedAt: null });
    expect(await startAuthentication({ staff, purpose: "mfa" })).toMatchObject({
      ok: false,
      code: "conflict",
    });
    const credential = await addCredential(staff.user.id);
    const result = await startAuthentication({ staff, purpose: "mfa" });
    expect(result.ok && result.value.allowCredentials).toEqual([
      { id: credential.credentialId, type: "public-key", transports: ["usb"] },
    ]);
    expect(await startAuthentication({ staff, purpose: "step-up" })).toMatchObject({
      ok: false,
      code: "unauthenticated",
    });
  });

  it("refuses an assertion without a live challenge and audits auth.mfa_failed", async () => {
    const staff = await staffSession({ mfaVerifiedAt: null });
    const credential = await addCredential(staff.user.id);
    const ctx = ctxFor();
    const result = await finishAuthentication({
      staff,
      purpose: "mfa",
      response: bogusAssertion(credential.credentialId),
      request: ctx,
    });
    expect(result).toMatchObject({ ok: false, code: "forbidden" });
    const event = await db().auditEvent.findFirstOrThrow({ where: { requestId: ctx.requestId } });
    expect(event).toMatchObject({
      action: "auth.mfa_failed",
      result: "DENIED",
      ip: ctx.ip,
      targetId: staff.user.id,
    });
    expect(
      (await db().session.findUniqueOrThrow({ where: { id: staff.session.id } })).mfaVerifiedAt,
    ).toBeNull();
  });

  it("refuses an invalid signature for step-up and audits auth.step_up_failed; the challenge is spent", async () => {
    const staff = await staffSession();
    const credential = await addCredential(staff.user.id);
    const options = await startAuthentication({ staff, purpose: "step-up" });
    expect(options.ok).toBe(true);
    const ctx = ctxFor();
    const result = await finishAuthentication({
      staff,
      purpose: "step-up",
      response: bogusAssertion(credential.credentialId),
      request: ctx,
    });
    expect(result.ok).toBe(false);
    expect(
      await db().auditEvent.count({
        where: { requestId: ctx.requestId, action: "auth.step_up_failed" },
      }),
    ).toBe(1);
    const stored = await db().session.findUniqueOrThrow({ where: { id: staff.session.id } });
    expect(stored).toMatchObject({ challenge: null, stepUpAt: null });
  });

  it("refuses a key registered to someone else", async () => {
    const staff = await staffSession({ mfaVerifiedAt: null });
    await addCredential(staff.user.id);
    const other = await createStaffUser();
    const foreign = await addCredential(other.id);
    await startAuthentication({ staff, purpose: "mfa" });
    const ctx = ctxFor();
    const result = await finishAuthentication({
      staff,
      purpose: "mfa",
      response: bogusAssertion(foreign.credentialId),
      request: ctx,
    });
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not registered to your account/),
    });
  });

  it("stops checking keys for a locked-out account and audits auth.locked_out", async () => {
    const staff = await staffSession({ mfaVerifiedAt: null });
    const credential = await addCredential(staff.user.id);
    for (let i = 0; i < 5; i++) {
      await recordAuthFailure({
        action: "auth.mfa_failed",
        request: ctxFor(),
        reason: "test",
        account: staff.user.email,
      });
    }
    const ctx = ctxFor();
    const result = await finishAuthentication({
      staff,
      purpose: "mfa",
      response: bogusAssertion(credential.credentialId),
      request: ctx,
    });
    expect(result).toMatchObject({ ok: false, code: "rate_limited" });
    expect(
      await db().auditEvent.findFirstOrThrow({ where: { requestId: ctx.requestId } }),
    ).toMatchObject({ action: "auth.locked_out", result: "DENIED" });
  });
});
