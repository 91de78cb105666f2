// The identity rules that need no database: IdP MFA trust, who may sign in where, session
// lifetimes, the same-origin (CSRF) rule and the staff surface of the network allowlist.
import { describe, expect, it } from "vitest";
import { parseCidrs } from "@/lib/http/client-ip";
import { idpMfaSatisfied, sessionMfaState } from "@/lib/identity/mfa-policy";
import { isAllowedStaffAddress, isStaffSurface } from "@/lib/identity/network-policy";
import { safeNextPath } from "@/lib/identity/requested-path";
import { checkSameOrigin } from "@/lib/identity/same-origin";
import { decideSignIn, type IdpIdentity, type KnownUser } from "@/lib/identity/sign-in-policy";
import { evaluateSessionTimes, isStepUpFresh } from "@/lib/identity/session-policy";

describe("IdP MFA policy (amr)", () => {
  const trusted = { trust: true, accepted: ["hwk", "swk", "fido", "mfa"] };
  it.each([
    [["pwd", "hwk"], trusted, true],
    [["HWK"], trusted, true],
    [["pwd"], trusted, false],
    [["pwd", "sms"], trusted, false],
    // Even when an operator lists sms/tel as acceptable, they never count.
    [["pwd", "sms"], { trust: true, accepted: ["sms", "tel", "hwk"] }, false],
    [["pwd", "tel"], { trust: true, accepted: ["tel"] }, false],
    // A generic "mfa" beside an SMS factor may have been the SMS code.
    [["mfa", "sms"], trusted, false],
    [["hwk", "sms"], trusted, false],
    // Not trusted at all unless configured to be.
    [["pwd", "hwk"], { trust: false, accepted: ["hwk"] }, false],
    [[], trusted, false],
  ])("amr %j with %j → %s", (amr, policy, expected) => {
    expect(idpMfaSatisfied(amr, policy)).toBe(expected);
  });

  it("a WebAuthn-verified session is satisfied whatever the IdP said; otherwise only a trusted amr", () => {
    expect(sessionMfaState({ mfaVerifiedAt: new Date(), idpAmr: ["pwd", "sms"] }, trusted)).toEqual(
      { satisfied: true, via: "webauthn" },
    );
    expect(sessionMfaState({ mfaVerifiedAt: null, idpAmr: ["pwd", "hwk"] }, trusted)).toEqual({
      satisfied: true,
      via: "idp",
    });
    expect(
      sessionMfaState(
        { mfaVerifiedAt: null, idpAmr: ["pwd", "sms"] },
        { trust: true, accepted: ["sms"] },
      ),
    ).toEqual({ satisfied: false });
  });
});

describe("sign-in policy", () => {
  const allowlist = { emailDomains: ["vendor.test"], groups: ["tollgate-staff"] };
  const id = (
    email: string | null,
    groups: string[] = [],
    emailVerified: boolean | null = true,
  ): IdpIdentity => ({ email, groups, emailVerified });
  const staff: KnownUser = { kind: "STAFF", status: "ACTIVE", invitedAt: null, membershipCount: 0 };
  const customer: KnownUser = {
    kind: "CUSTOMER",
    status: "ACTIVE",
    invitedAt: null,
    membershipCount: 1,
  };

  it.each([
    [
      "allowlisted domain, first sign-in: provisioned",
      "staff",
      id("new@vendor.test"),
      null,
      { allowed: true, provision: true },
    ],
    [
      "allowlisted domain, existing staff",
      "staff",
      id("a@VENDOR.test"),
      staff,
      { allowed: true, provision: false },
    ],
    [
      "allowlisted group from another domain",
      "staff",
      id("c@contractor.test", ["tollgate-staff"]),
      null,
      { allowed: true, provision: true },
    ],
    [
      "not on any allowlist",
      "staff",
      id("x@example.com", ["other"]),
      null,
      { allowed: false, reason: "not_allowed" },
    ],
    [
      "invited despite its domain",
      "staff",
      id("guest@example.com"),
      { ...staff, invitedAt: new Date() },
      { allowed: true, provision: false },
    ],
    [
      "existing staff whose domain left the allowlist",
      "staff",
      id("old@example.com"),
      staff,
      { allowed: false, reason: "not_allowed" },
    ],
    [
      "a customer user through the staff provider",
      "staff",
      id("ops@vendor.test"),
      customer,
      { allowed: false, reason: "wrong_portal" },
    ],
    [
      "a staff user through the customer provider",
      "customer",
      id("a@vendor.test"),
      staff,
      { allowed: false, reason: "wrong_portal" },
    ],
    [
      "suspended staff",
      "staff",
      id("s@vendor.test"),
      { ...staff, status: "SUSPENDED" },
      { allowed: false, reason: "suspended" },
    ],
    [
      "customer member",
      "customer",
      id("ops@globex.test"),
      customer,
      { allowed: true, provision: false },
    ],
    [
      "unknown customer person: nobody is created",
      "customer",
      id("new@globex.test"),
      null,
      { allowed: false, reason: "no_membership" },
    ],
    [
      "customer user without membership",
      "customer",
      id("ops@globex.test"),
      { ...customer, membershipCount: 0 },
      { allowed: false, reason: "no_membership" },
    ],
    ["no email claim", "staff", id(null), null, { allowed: false, reason: "missing_email" }],
    [
      "unverified email",
      "staff",
      id("a@vendor.test", [], false),
      null,
      { allowed: false, reason: "email_unverified" },
    ],
  ] as const)("%s", (_name, portal, identity, user, expected) => {
    expect(decideSignIn(portal, identity, user, allowlist)).toEqual(expected);
  });
});

describe("session lifetime", () => {
  const limits = { maxAgeSeconds: 3600, idleTimeoutSeconds: 600 };
  const t0 = new Date("2030-01-01T00:00:00Z");
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
  const session = (lastSeen: number) => ({
    createdAt: t0,
    expires: at(3600),
    lastSeenAt: at(lastSeen),
  });

  it("is valid while active, and asks to record activity at most once a minute", () => {
    expect(evaluateSessionTimes(session(0), at(30), limits)).toEqual({ valid: true, touch: false });
    expect(evaluateSessionTimes(session(0), at(61), limits)).toEqual({ valid: true, touch: true });
  });
  it("ends after the idle timeout", () => {
    expect(evaluateSessionTimes(session(0), at(599), limits).valid).toBe(true);
    expect(evaluateSessionTimes(session(0), at(600), limits)).toEqual({
      valid: false,
      reason: "expired_idle",
    });
  });
  it("ends at the absolute lifetime however active it is", () => {
    expect(evaluateSessionTimes(session(3599), at(3600), limits)).toEqual({
      valid: false,
      reason: "expired_absolute",
    });
    // A lower configured maximum applies to sessions created before the change.
    expect(
      evaluateSessionTimes(session(1700), at(1800), { ...limits, maxAgeSeconds: 1800 }),
    ).toEqual({ valid: false, reason: "expired_absolute" });
  });
  it("step-up is fresh only within its maximum age", () => {
    expect(isStepUpFresh(null, at(0), 300)).toBe(false);
    expect(isStepUpFresh(at(0), at(299), 300)).toBe(true);
    expect(isStepUpFresh(at(0), at(300), 300)).toBe(false);
  });
});

describe("same-origin rule (CSRF)", () => {
  const app = "https://tollgate.example";
  const h = (values: Record<string, string>) => new Headers(values);
  it.each([
    ["POST from the portal (Origin)", "POST", { origin: app }, true],
    [
      "POST from the portal (Sec-Fetch-Site only)",
      "POST",
      { "sec-fetch-site": "same-origin" },
      true,
    ],
    [
      "POST from another site",
      "POST",
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      false,
    ],
    [
      "POST from a sibling subdomain",
      "DELETE",
      { origin: "https://x.tollgate.example", "sec-fetch-site": "same-site" },
      false,
    ],
    ["POST without any origin evidence", "POST", {}, false],
    ["POST from an opaque origin", "PUT", { origin: "null" }, false],
    ["GET without origin evidence (a link, curl)", "GET", {}, true],
    ["GET announced as cross-site", "GET", { "sec-fetch-site": "cross-site" }, false],
    ["unknown method, cross-origin evidence", undefined, { origin: "https://evil.example" }, false],
    ["unknown method, no evidence", undefined, {}, true],
  ])("%s", (_name, method, headers, ok) => {
    expect(checkSameOrigin(h(headers), method, app).ok).toBe(ok);
  });
});

describe("staff network allowlist", () => {
  it.each([
    ["/admin", true],
    ["/admin/users/usr_1", true],
    ["/mfa/enroll", true],
    ["/signin", true],
    ["/api/webauthn/authentication", true],
    ["/api/admin/anything", true],
    ["/api/auth/signin/staff-oidc", true],
    ["/api/auth/callback/staff-oidc", true],
    ["/api/auth/sessions", true],
    ["/administrator", false],
    ["/portal", false],
    ["/portal/signin", false],
    ["/api/update", false],
    ["/api/oauth/token", false],
    ["/api/downloads/x", false],
    ["/api/auth/callback/customer-oidc", false],
    ["/api/health", false],
    ["/signout", false],
  ])("%s is staff surface: %s", (path, expected) => {
    expect(isStaffSurface(path)).toBe(expected);
  });

  it("allows only configured IPv4 and IPv6 ranges, and fails closed without an address", () => {
    const allow = parseCidrs(["10.8.0.0/16", "2001:db8:100::/48"]);
    expect(isAllowedStaffAddress("10.8.3.4", allow)).toBe(true);
    expect(isAllowedStaffAddress("10.9.3.4", allow)).toBe(false);
    expect(isAllowedStaffAddress("2001:db8:100:1::5", allow)).toBe(true);
    expect(isAllowedStaffAddress("2001:db8:101::5", allow)).toBe(false);
    expect(isAllowedStaffAddress(null, allow)).toBe(false);
  });
});

describe("post-sign-in redirect target", () => {
  it.each([
    ["/admin/users", "/admin/users"],
    ["https://evil.example/admin", "/admin"],
    ["//evil.example", "/admin"],
    ["/\\evil.example", "/admin"],
    ["admin", "/admin"],
    [undefined, "/admin"],
  ])("%s → %s", (given, expected) => {
    expect(safeNextPath(given, "/admin")).toBe(expected);
  });
});
