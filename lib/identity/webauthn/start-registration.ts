// Registration options for a new security key or passkey. The first key is enrolled right after
// SSO (the account has none: new, or reset by an administrator); adding another key needs a
// session that has passed the second factor and a fresh step-up, so a stolen SSO session alone
// cannot plant its own key next to the owner's.
import {
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
} from "@simplewebauthn/server";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { StaffSession } from "../authenticate-staff";
import { isStepUpFresh } from "../session-policy";
import { fail, ok, type CeremonyResult } from "./ceremony-result";
import { relyingParty } from "./relying-party";
import { storeChallenge } from "./session-challenge";

export async function mayEnroll(
  staff: StaffSession,
  credentialCount: number,
  now = new Date(),
): Promise<boolean> {
  if (credentialCount === 0) return true;
  return staff.mfaSatisfied && isStepUpFresh(staff.session.stepUpAt, now, env().STEP_UP_MAX_AGE);
}

export async function startRegistration({
  staff,
}: {
  staff: StaffSession;
}): Promise<CeremonyResult<PublicKeyCredentialCreationOptionsJSON>> {
  const credentials = await db().webAuthnCredential.findMany({
    where: { userId: staff.user.id },
    select: { credentialId: true, transports: true },
  });
  if (!(await mayEnroll(staff, credentials.length))) {
    return fail(
      "forbidden",
      "You already have a security key. Confirm with it (step-up) before adding another.",
    );
  }
  const rp = relyingParty();
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: staff.user.email,
    userDisplayName: staff.user.name ?? staff.user.email,
    userID: new TextEncoder().encode(staff.user.id),
    attestationType: "none",
    excludeCredentials: credentials.map((c) => ({ id: c.credentialId, transports: c.transports })),
    // Hardware keys often cannot verify the user (no PIN set): preferred, not required.
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
    timeout: 120_000,
  });
  await storeChallenge(db(), staff.session.id, "register", options.challenge);
  return ok(options);
}
