// When does a staff session count as having passed a second factor? Either the portal's own
// WebAuthn assertion, or, only when the operator opts in (TRUST_IDP_MFA), an ID token whose `amr`
// proves a strong factor from the configured list. SMS and telephone factors are phishable and
// never count, whatever the configuration says: an `amr` that mentions them is not trusted at all,
// because a generic value such as "mfa" beside them may well have been the SMS code.
export const NEVER_MFA_AMR: readonly string[] = ["sms", "tel"];

export interface IdpMfaPolicy {
  trust: boolean;
  accepted: readonly string[];
}

export function acceptedIdpAmr(configured: readonly string[]): string[] {
  return configured.map((v) => v.toLowerCase()).filter((v) => !NEVER_MFA_AMR.includes(v));
}

export function idpMfaSatisfied(amr: readonly string[], policy: IdpMfaPolicy): boolean {
  if (!policy.trust) return false;
  const values = amr.map((v) => v.toLowerCase());
  if (values.some((v) => NEVER_MFA_AMR.includes(v))) return false;
  const accepted = acceptedIdpAmr(policy.accepted);
  return values.some((v) => accepted.includes(v));
}

export type MfaState = { satisfied: true; via: "webauthn" | "idp" } | { satisfied: false };

export function sessionMfaState(
  session: { mfaVerifiedAt: Date | null; idpAmr: readonly string[] },
  policy: IdpMfaPolicy,
): MfaState {
  if (session.mfaVerifiedAt) return { satisfied: true, via: "webauthn" };
  if (idpMfaSatisfied(session.idpAmr, policy)) return { satisfied: true, via: "idp" };
  return { satisfied: false };
}
