// Verifies an assertion: the second factor after SSO, or a step-up before a sensitive action.
// Failures are audited and count towards the sign-in lockout; a locked account or address cannot
// keep guessing.
import {
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
} from "@simplewebauthn/server";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import type { RequestContext } from "@/lib/http/request-context";
import type { StaffSession } from "../authenticate-staff";
import { staffActorFor } from "../identity-actor";
import { recordAuthFailure, recordLockedOut } from "../record-auth-event";
import { findLockout } from "../signin-lockout";
import { fail, ok, type CeremonyResult } from "./ceremony-result";
import { relyingParty } from "./relying-party";
import { takeChallenge } from "./session-challenge";
import { verificationFailure } from "./verification-failure";

export async function finishAuthentication(input: {
  staff: StaffSession;
  purpose: "mfa" | "step-up";
  response: AuthenticationResponseJSON;
  request: RequestContext;
}): Promise<CeremonyResult<{ verifiedAt: Date }>> {
  const { staff, purpose, response, request } = input;
  const account = staff.user.email;
  const target = { type: "user", id: staff.user.id };
  const failureAction = purpose === "step-up" ? "auth.step_up_failed" : "auth.mfa_failed";
  const refuse = async (reason: string) => {
    const lockout = await recordAuthFailure({
      action: failureAction,
      request,
      reason: `security key check failed: ${reason}`,
      account,
      target,
      metadata: { purpose },
    });
    const message = lockout
      ? "Too many failed attempts: security key checks are locked for a while."
      : `The security key check failed: ${reason}.`;
    return fail<{ verifiedAt: Date }>(lockout ? "rate_limited" : "forbidden", message);
  };

  const lockout = await findLockout(db(), { ip: request.ip, account });
  if (lockout) {
    await recordLockedOut({
      lockout,
      request,
      account,
      attempt: `security key check (${purpose})`,
      target,
    });
    return fail(
      "rate_limited",
      "Too many failed attempts: security key checks are locked for a while.",
    );
  }
  if (purpose === "step-up" && !staff.mfaSatisfied)
    return fail("unauthenticated", "Complete the security key check first.");

  const challenge = await takeChallenge(db(), staff.session.id, purpose);
  if (!challenge) return refuse("the challenge expired or was already used; start again");
  const credential = await db().webAuthnCredential.findFirst({
    where: { credentialId: response.id, userId: staff.user.id },
    select: { id: true, credentialId: true, publicKey: true, counter: true, transports: true },
  });
  if (!credential) return refuse("this security key is not registered to your account");

  const rp = relyingParty();
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: credential.credentialId,
        publicKey: new Uint8Array(credential.publicKey),
        counter: Number(credential.counter),
        transports: credential.transports,
      },
      requireUserVerification: false,
    });
  } catch (error) {
    return refuse(verificationFailure(error));
  }
  if (!verification.verified) return refuse("the signature did not verify");

  const now = new Date();
  await db().$transaction(async (tx) => {
    await tx.webAuthnCredential.update({
      where: { id: credential.id },
      data: { counter: BigInt(verification.authenticationInfo.newCounter), lastUsedAt: now },
    });
    const session = await tx.session.update({
      where: { id: staff.session.id },
      data:
        purpose === "step-up"
          ? { stepUpAt: now, mfaVerifiedAt: staff.session.mfaVerifiedAt ?? now }
          : { mfaVerifiedAt: now },
      select: { id: true, stepUpAt: true },
    });
    await recordAudit(tx, {
      action: purpose === "step-up" ? "auth.step_up_verified" : "auth.mfa_verified",
      actor: await staffActorFor(tx, staff.user, session),
      request,
      target: { type: "webauthn_credential", id: credential.id },
      reason:
        purpose === "step-up"
          ? "fresh security key assertion for a sensitive action"
          : "security key check after SSO",
      metadata: {
        account,
        userVerified: verification.authenticationInfo.userVerified,
        sessionId: staff.session.id,
      },
    });
  });
  return ok({ verifiedAt: now });
}
