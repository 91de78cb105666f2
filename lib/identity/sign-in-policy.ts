// Who may sign in through which portal. Pure: the callers load the user and the configuration.
//
// Staff: the IdP's email domain or one of its groups must be on the allowlist, or an
// administrator invited the person. Customers: only people who are already members of a
// customer (created by the vendor or the customer's admin); nobody is created on the fly.
// A person is either staff or a customer user, never both: the other portal's provider refuses.
export type Portal = "staff" | "customer";

export type RefusalReason =
  | "missing_email"
  | "email_unverified"
  | "not_allowed"
  | "wrong_portal"
  | "suspended"
  | "no_membership"
  | "locked";

export interface IdpIdentity {
  email: string | null;
  emailVerified: boolean | null;
  groups: readonly string[];
}

export interface KnownUser {
  kind: "STAFF" | "CUSTOMER";
  status: "ACTIVE" | "SUSPENDED";
  invitedAt: Date | null;
  membershipCount: number;
}

export interface StaffAllowlist {
  emailDomains: readonly string[];
  groups: readonly string[];
}

export type SignInDecision =
  { allowed: true; provision: boolean } | { allowed: false; reason: RefusalReason };

export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}

export function onStaffAllowlist(identity: IdpIdentity, allowlist: StaffAllowlist): boolean {
  const domains = allowlist.emailDomains.map((d) => d.toLowerCase().replace(/^@/, ""));
  if (identity.email && domains.includes(emailDomain(identity.email))) return true;
  return identity.groups.some((g) => allowlist.groups.includes(g));
}

export function decideSignIn(
  portal: Portal,
  identity: IdpIdentity,
  user: KnownUser | null,
  allowlist: StaffAllowlist,
): SignInDecision {
  if (!identity.email) return { allowed: false, reason: "missing_email" };
  // Accounts are matched by email, so an address the IdP says it has not verified is useless.
  if (identity.emailVerified === false) return { allowed: false, reason: "email_unverified" };
  const expectedKind = portal === "staff" ? "STAFF" : "CUSTOMER";
  if (user && user.kind !== expectedKind) return { allowed: false, reason: "wrong_portal" };
  if (user?.status === "SUSPENDED") return { allowed: false, reason: "suspended" };
  if (portal === "customer") {
    return user && user.membershipCount > 0
      ? { allowed: true, provision: false }
      : { allowed: false, reason: "no_membership" };
  }
  if (onStaffAllowlist(identity, allowlist) || user?.invitedAt)
    return { allowed: true, provision: user === null };
  return { allowed: false, reason: "not_allowed" };
}

export const REFUSAL_MESSAGES: Record<RefusalReason, string> = {
  missing_email: "The identity provider did not tell us your email address.",
  email_unverified: "The identity provider has not verified your email address.",
  not_allowed:
    "Your account is not allowed to use the vendor staff portal. Ask a Tollgate administrator for an invitation.",
  wrong_portal:
    "This account belongs to the other portal. Vendor staff sign in at /signin, customers at /portal/signin.",
  suspended: "Your account is suspended. Contact a Tollgate administrator.",
  no_membership:
    "Your account is not a member of any customer. Ask your organisation's Tollgate administrator to add you.",
  locked: "Too many failed sign-in attempts. Sign-in is locked for a while; try again later.",
};
