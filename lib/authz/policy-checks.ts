// The vocabulary the policy's rules are written in: a Decision, the checks that can object, and
// `decide`, which lets the first objection speak. Each rule module (role-policy.ts,
// boundary-policy.ts, user-policy.ts, grant-policy.ts) lists its checks in the order a person
// would want to hear about them.
import {
  activeRoleManagers,
  applyChange,
  findUser,
  potentialPermissions,
  type AuthzChange,
  type AuthzState,
  type StateUser,
} from "./authz-state";
import { missingFrom } from "./permission-sets";
import type { Permission } from "./permissions";

// `missing` names what does not exist (operations answer 404 for it, not an audited 403).
export type Decision =
  { allowed: true } | { allowed: false; reason: string; missing?: "user" | "role" | "boundary" };

// A StaffActor fits; `permissions` are its effective permissions.
export interface PolicyActor {
  userId: string;
  permissions: ReadonlySet<Permission>;
}

export type Check = () => string | { reason: string; missing: "user" | "role" | "boundary" } | null;

export const ALLOWED: Decision = { allowed: true };

// The first check that objects decides; the checks are listed in the order a person would want
// to hear about them (missing permission first, lockout last).
export function decide(checks: readonly Check[]): Decision {
  for (const check of checks) {
    const objection = check();
    if (typeof objection === "string") return { allowed: false, reason: objection };
    if (objection) return { allowed: false, ...objection };
  }
  return ALLOWED;
}

// Long lists are cut so that a reason stays readable (and fits the audit trail's reason field).
export const named = (permissions: readonly Permission[]) => {
  const shown =
    permissions.length > 6
      ? [...permissions.slice(0, 5), `${permissions.length - 5} more`]
      : permissions;
  return `${shown.join(", ")}, which you do not hold`;
};

export const needs =
  (actor: PolicyActor, permission: Permission, toDo: string): Check =>
  () =>
    actor.permissions.has(permission) ? null : `You need the permission ${permission} to ${toDo}.`;

export const within =
  (
    actor: PolicyActor,
    permissions: readonly Permission[],
    say: (missing: string) => string,
  ): Check =>
  () => {
    const missing = missingFrom(permissions, actor.permissions);
    return missing.length ? say(named(missing)) : null;
  };

export const notSelf =
  (actor: PolicyActor, userId: string, reason: string): Check =>
  () =>
    actor.userId === userId ? reason : null;

export const exists =
  (thing: unknown, what: "user" | "role" | "boundary"): Check =>
  () =>
    thing ? null : { reason: `The ${what} does not exist.`, missing: what };

// Someone holding permissions the actor lacks is out of the actor's reach.
export const userWithin =
  (actor: PolicyActor, state: AuthzState, user: StateUser | undefined, toDo: string): Check =>
  () => {
    if (!user) return null;
    const missing = missingFrom(potentialPermissions(state, user), actor.permissions);
    return missing.length
      ? `${user.label} holds ${named(missing)}; only someone who holds all of their permissions can ${toDo}.`
      : null;
  };

export const noLockout =
  (state: AuthzState, change: AuthzChange): Check =>
  () => {
    const before = activeRoleManagers(state);
    const after = activeRoleManagers(applyChange(state, change));
    if (after.length > 0 || before.length === 0) return null;
    const last = before.map((id) => findUser(state, id)?.label ?? id).join(", ");
    return `This would leave nobody able to manage roles: ${last} ${before.length === 1 ? "is the last active user" : "are the last active users"} holding roles:write and roles:assign.`;
  };
