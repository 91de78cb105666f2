// Verifies a new credential and stores it. Enrolling proves possession of the new key, so the
// session counts as having passed the second factor from here on.
import { verifyRegistrationResponse, type RegistrationResponseJSON } from "@simplewebauthn/server";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import type { RequestContext } from "@/lib/http/request-context";
import type { StaffSession } from "../authenticate-staff";
import { staffActorFor } from "../identity-actor";
import { recordAuthFailure } from "../record-auth-event";
import { fail, ok, type CeremonyResult } from "./ceremony-result";
import { relyingParty } from "./relying-party";
import { takeChallenge } from "./session-challenge";
import { mayEnroll } from "./start-registration";
import { verificationFailure } from "./verification-failure";

export async function finishRegistration(input: {
  staff: StaffSession;
  response: RegistrationResponseJSON;
  request: RequestContext;
}): Promise<CeremonyResult<{ credentialId: string }>> {
  const { staff, response, request } = input;
  const account = staff.user.email;
  const refuse = async (reason: string) => {
    await recordAuthFailure({
      action: "auth.mfa_failed",
      request,
      reason: `security key registration failed: ${reason}`,
      account,
      target: { type: "user", id: staff.user.id },
      metadata: { ceremony: "registration" },
    });
    return fail<{ credentialId: string }>(
      "forbidden",
      `The security key could not be registered: ${reason}.`,
    );
  };

  const challenge = await takeChallenge(db(), staff.session.id, "register");
  if (!challenge) return refuse("the challenge expired or was already used; start again");
  const existing = await db().webAuthnCredential.count({ where: { userId: staff.user.id } });
  if (!(await mayEnroll(staff, existing)))
    return refuse("a key is already registered and no fresh step-up was made");

  const rp = relyingParty();
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    });
  } catch (error) {
    return refuse(verificationFailure(error));
  }
  if (!verification.verified) return refuse("the response did not verify");
  const info = verification.registrationInfo;

  const now = new Date();
  await db().$transaction(async (tx) => {
    const credential = await tx.webAuthnCredential.create({
      data: {
        userId: staff.user.id,
        credentialId: info.credential.id,
        publicKey: Buffer.from(info.credential.publicKey),
        counter: BigInt(info.credential.counter),
        transports: info.credential.transports ?? [],
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
        name: existing === 0 ? "Security key" : `Security key ${existing + 1}`,
      },
      select: { id: true },
    });
    await tx.user.updateMany({
      where: { id: staff.user.id, mfaEnrolledAt: null },
      data: { mfaEnrolledAt: now },
    });
    await tx.session.update({ where: { id: staff.session.id }, data: { mfaVerifiedAt: now } });
    await recordAudit(tx, {
      action: "auth.mfa_enrolled",
      actor: await staffActorFor(tx, staff.user, staff.session),
      request,
      target: { type: "webauthn_credential", id: credential.id },
      reason: existing === 0 ? "first security key enrolled" : "additional security key enrolled",
      after: {
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
        transports: info.credential.transports ?? [],
        aaguid: info.aaguid,
      },
      metadata: { account, userVerified: info.userVerified },
    });
  });
  return ok({ credentialId: info.credential.id });
}
