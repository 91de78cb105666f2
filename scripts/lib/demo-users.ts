// The demo directory: the people the dev identity provider signs in and the seed gives roles and
// customer memberships. One list, so the IdP and the database can never disagree about who exists.
import { createHash } from "node:crypto";

export const DEMO_PASSWORD = "tollgate-demo";

export type DemoUserKind = "staff" | "customer" | "outsider";

export type DemoUser = {
  email: string;
  name: string;
  kind: DemoUserKind;
  /** Built-in role key the seed assigns (staff only). */
  roleKey?: string;
  /** Slug of the customer the seed makes this user a member of (customer users only). */
  customerSlug?: string;
  /** Directory groups, sent as the `groups` claim so the app's group allowlist can be tested. */
  groups: string[];
  /** One line for the console banner and the IdP's login page. */
  description: string;
};

export const DEMO_USERS: readonly DemoUser[] = [
  {
    email: "admin@vendor.test",
    name: "Ada Admin",
    kind: "staff",
    roleKey: "security_admin",
    groups: ["staff"],
    description: "vendor staff, security administrator",
  },
  {
    email: "release@vendor.test",
    name: "Remy Release",
    kind: "staff",
    roleKey: "release_manager",
    groups: ["staff"],
    description: "vendor staff, release manager",
  },
  {
    email: "support@vendor.test",
    name: "Sasha Support",
    kind: "staff",
    roleKey: "support",
    groups: ["staff"],
    description: "vendor staff, support (read-only)",
  },
  {
    email: "auditor@vendor.test",
    name: "Avery Auditor",
    kind: "staff",
    roleKey: "auditor",
    groups: ["staff"],
    description: "vendor staff, auditor",
  },
  {
    email: "ops@globex.test",
    name: "Gina Globex",
    kind: "customer",
    customerSlug: "globex",
    groups: ["customers"],
    description: "customer Globex (active license)",
  },
  {
    email: "ops@initech.test",
    name: "Ian Initech",
    kind: "customer",
    customerSlug: "initech",
    groups: ["customers"],
    description: "customer Initech (expired license)",
  },
  {
    email: "outsider@example.com",
    name: "Otto Outsider",
    kind: "outsider",
    groups: [],
    description: "not on any allowlist: staff sign-in is refused",
  },
];

/**
 * The stable OIDC subject the dev IdP issues for an email. Derived, not random, so it survives IdP
 * restarts and the seed can link accounts ahead of the first sign-in.
 */
export function demoSubject(email: string): string {
  const digest = createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
  return `dev-${digest.slice(0, 24)}`;
}

export function findDemoUserByEmail(email: string): DemoUser | undefined {
  const wanted = email.trim().toLowerCase();
  return DEMO_USERS.find((u) => u.email === wanted);
}

export function findDemoUserBySubject(sub: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => demoSubject(u.email) === sub);
}
