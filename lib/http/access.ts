// What a route or server action requires of its caller, declared next to its code. The route
// registry test fails for any handler that does not declare one.
import type { Permission } from "@/lib/authz/permissions";

export type Access =
  // Anyone; the reason is documentation and shows in the registry.
  | { kind: "public"; reason: string }
  // Vendor staff signed in with SSO + MFA, from an allowed network, holding the permission.
  | { kind: "staff"; permission: Permission; stepUp?: boolean }
  // Customer staff signed in to the customer portal; tenancy is enforced in the domain queries.
  | { kind: "customer"; membership?: "ADMIN" | "MEMBER" }
  // An OAuth2 client (update agent or build pipeline) presenting a bearer token with the scope.
  | { kind: "client"; scope: Permission }
  // A signed, expiring download URL, used with the credentials of the principal it names (see
  // lib/downloads/authenticate-signed-url.ts).
  | { kind: "signed-url" };

export function describeAccess(access: Access): string {
  switch (access.kind) {
    case "public":
      return `public (${access.reason})`;
    case "staff":
      return `staff ${access.permission}${access.stepUp ? " +step-up" : ""}`;
    case "customer":
      return `customer${access.membership ? ` ${access.membership}` : ""}`;
    case "client":
      return `client ${access.scope}`;
    case "signed-url":
      return "signed URL + the named principal's credentials";
  }
}
