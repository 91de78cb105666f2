// Assertion options for the second factor after SSO ("mfa") or for a sensitive action
// ("step-up"), limited to the user's own registered credentials.
import {
  generateAuthenticationOptions,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/server";
import { db } from "@/lib/db/client";
import type { StaffSession } from "../authenticate-staff";
import { fail, ok, type CeremonyResult } from "./ceremony-result";
import { relyingParty } from "./relying-party";
import { storeChallenge } from "./session-challenge";

export async function startAuthentication({
  staff,
  purpose,
}: {
  staff: StaffSession;
  purpose: "mfa" | "step-up";
}): Promise<CeremonyResult<PublicKeyCredentialRequestOptionsJSON>> {
  if (purpose === "step-up" && !staff.mfaSatisfied)
    return fail("unauthenticated", "Complete the security key check first.");
  const credentials = await db().webAuthnCredential.findMany({
    where: { userId: staff.user.id },
    select: { credentialId: true, transports: true },
  });
  if (credentials.length === 0)
    return fail(
      "conflict",
      "No security key is registered for your account yet: register one first.",
    );
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().id,
    allowCredentials: credentials.map((c) => ({ id: c.credentialId, transports: c.transports })),
    userVerification: "preferred",
    timeout: 120_000,
  });
  await storeChallenge(db(), staff.session.id, purpose, options.challenge);
  return ok(options);
}
