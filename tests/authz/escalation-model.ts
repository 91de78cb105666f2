// An in-memory model of the authorization data for the property tests, written independently of
// lib/authz (its own effective-permission rule and its own effect of each operation), so that a
// mistake in the library's state model cannot hide a mistake in its policy.
import type { AuthzState } from "@/lib/authz/authz-state";
import type { Permission } from "@/lib/authz/permissions";

export interface ModelUser {
  status: "ACTIVE" | "SUSPENDED";
  roles: Set<string>;
  boundary: string | null;
  mfa: boolean;
  sessions: number;
}

export interface Model {
  roles: Map<string, { perms: Set<Permission>; builtIn: boolean }>;
  boundaries: Map<string, Set<Permission>>;
  users: Map<string, ModelUser>;
  nextId: number;
}

export function cloneModel(m: Model): Model {
  return {
    roles: new Map(
      [...m.roles].map(([k, r]) => [k, { perms: new Set(r.perms), builtIn: r.builtIn }]),
    ),
    boundaries: new Map([...m.boundaries].map(([k, b]) => [k, new Set(b)])),
    users: new Map([...m.users].map(([k, u]) => [k, { ...u, roles: new Set(u.roles) }])),
    nextId: m.nextId,
  };
}

// Ignoring status: what the user's roles and boundary give.
export function potential(m: Model, userId: string): Set<Permission> {
  const u = m.users.get(userId);
  const out = new Set<Permission>();
  if (!u) return out;
  for (const roleId of u.roles) for (const p of m.roles.get(roleId)?.perms ?? []) out.add(p);
  if (u.boundary !== null) {
    const ceiling = m.boundaries.get(u.boundary) ?? new Set<Permission>();
    for (const p of [...out]) if (!ceiling.has(p)) out.delete(p);
  }
  return out;
}

export function effective(m: Model, userId: string): Set<Permission> {
  return m.users.get(userId)?.status === "ACTIVE" ? potential(m, userId) : new Set();
}

export function roleManagers(m: Model): string[] {
  return [...m.users.keys()].filter((id) => {
    const e = effective(m, id);
    return e.has("roles:write") && e.has("roles:assign");
  });
}

export function toState(m: Model): AuthzState {
  return {
    roles: [...m.roles].map(([id, r]) => ({
      id,
      key: id,
      builtIn: r.builtIn,
      permissions: [...r.perms],
    })),
    boundaries: [...m.boundaries].map(([id, b]) => ({ id, name: id, permissions: [...b] })),
    users: [...m.users].map(([id, u]) => ({
      id,
      label: id,
      status: u.status,
      roleIds: [...u.roles],
      boundaryId: u.boundary,
    })),
  };
}

// Abstract operations: indices are resolved against the model at the time of the step, so the
// same generated sequence stays meaningful as roles and users come and go.
export type Op =
  | { t: "createRole"; actor: number; perms: Permission[]; clip: boolean }
  | { t: "updateRole"; actor: number; role: number; perms: Permission[]; clip: boolean }
  | { t: "deleteRole"; actor: number; role: number }
  | { t: "assignRole"; actor: number; user: number; role: number }
  | { t: "removeRole"; actor: number; user: number; role: number }
  | { t: "createBoundary"; actor: number; perms: Permission[]; clip: boolean }
  | { t: "updateBoundary"; actor: number; boundary: number; perms: Permission[]; clip: boolean }
  | { t: "deleteBoundary"; actor: number; boundary: number }
  | { t: "setBoundary"; actor: number; user: number; boundary: number | null }
  | { t: "suspend"; actor: number; user: number }
  | { t: "reactivate"; actor: number; user: number }
  | { t: "resetMfa"; actor: number; user: number }
  | { t: "revokeSessions"; actor: number; user: number }
  | { t: "invite"; actor: number };

export const pick = <T>(items: readonly T[], index: number): T | undefined =>
  items.length ? items[index % items.length] : undefined;
