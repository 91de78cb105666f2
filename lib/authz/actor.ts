// Who is acting. Every guarded route and server action resolves exactly one of these, and the
// audit trail snapshots it (roles and effective permissions at that moment).
import type { Permission } from "./permissions";

export interface StaffActor {
  type: "USER";
  kind: "STAFF";
  userId: string;
  email: string;
  sessionId: string | null;
  roles: string[];
  permissions: ReadonlySet<Permission>;
  stepUpAt: Date | null;
}

export interface CustomerActor {
  type: "USER";
  kind: "CUSTOMER";
  userId: string;
  email: string;
  sessionId: string | null;
  customerId: string;
  membershipRole: "ADMIN" | "MEMBER";
  roles: string[];
  permissions: ReadonlySet<Permission>;
}

// An OAuth2 client: the build pipeline (SERVICE) or an update agent (AGENT).
export interface ClientActor {
  type: "SERVICE" | "AGENT";
  apiClientId: string;
  clientId: string;
  customerId: string | null;
  licenseId: string | null;
  roles: string[];
  permissions: ReadonlySet<Permission>;
}

export interface SystemActor {
  type: "SYSTEM";
  label: string;
  roles: string[];
  permissions: ReadonlySet<Permission>;
}

export interface AnonymousActor {
  type: "ANONYMOUS";
  roles: string[];
  permissions: ReadonlySet<Permission>;
}

export type Actor = StaffActor | CustomerActor | ClientActor | SystemActor | AnonymousActor;

export const ANONYMOUS: AnonymousActor = { type: "ANONYMOUS", roles: [], permissions: new Set() };

export function systemActor(label: string): SystemActor {
  return { type: "SYSTEM", label, roles: [], permissions: new Set() };
}

export function actorId(actor: Actor): string | null {
  switch (actor.type) {
    case "USER":
      return actor.userId;
    case "SERVICE":
    case "AGENT":
      return actor.apiClientId;
    default:
      return null;
  }
}

export function actorLabel(actor: Actor): string {
  switch (actor.type) {
    case "USER":
      return actor.email;
    case "SERVICE":
    case "AGENT":
      return actor.clientId;
    case "SYSTEM":
      return actor.label;
    default:
      return "anonymous";
  }
}
