// What the login form's "mfa" select can claim. The dev IdP does not really check a second factor:
// the choice only sets the `amr`/`acr` the ID token reports, so the app's MFA policy can be tested
// against an IdP that proves strong MFA, one that proves none, and one that offers SMS (which must
// never count). "pwd" is the default so Tollgate's own WebAuthn step runs unless a test opts out.
export type MfaOption = { value: string; label: string; amr: string[]; acr: string };

export const MFA_OPTIONS: readonly MfaOption[] = [
  { value: "pwd", label: "Password only", amr: ["pwd"], acr: "1" },
  { value: "hwk", label: "Password + security key", amr: ["pwd", "hwk"], acr: "phrh" },
  {
    value: "sms",
    label: "Password + SMS code (must NOT count as MFA)",
    amr: ["pwd", "sms"],
    acr: "1",
  },
];

export const DEFAULT_MFA = "pwd";

export function findMfaOption(value: string | undefined): MfaOption | undefined {
  return MFA_OPTIONS.find((o) => o.value === (value || DEFAULT_MFA));
}
