// The anti-escalation policy: every rule about who may change whose access, in one pure module.
// Operations call it inside their transaction with a fresh snapshot of the authorization state;
// the UI calls it to disable what the actor cannot do, with the same reasons.
//
// The rules, in one sentence each:
// - Nobody can grant what they do not hold: a role or boundary an actor creates or edits, a role
//   they assign and a boundary they attach must lie within the actor's effective permissions.
// - Nobody can take away what they do not hold either: an actor can only edit, delete or remove
//   a role, or change a boundary, whose permissions they hold entirely, and can only suspend,
//   reactivate, re-bound or reset the MFA of a user whose permissions they hold entirely. So a
//   bounded administrator cannot act against a broader one.
// - Nobody changes their own access: their roles, their boundary, a role they hold or the
//   boundary that applies to them, their status or their MFA.
// - No lockout: no change may leave zero active users holding roles:write and roles:assign.
//   (For suspensions, boundary changes and boundary edits the rule above already implies it:
//   whoever holds everything the last role manager holds is a role manager too. The check stays
//   as a second line, in case that rule is ever relaxed.)
// - Built-in roles are defined in code and cannot be edited or deleted.
// Together these make every change move only permissions the actor holds (proven by
// tests/authz/escalation.property.test.ts).
import {
  activeRoleManagers,
  applyChange,
  findBoundary,
  findRole,
  findUser,
  potentialPermissions,
  type AuthzChange,
  type AuthzState,
  type StateUser,
} from "./authz-state";
import { AGENT_SCOPES } from "./built-in-roles";
import { missingFrom } from "./permission-sets";
import { ALL_PERMISSIONS, type Permission } from "./permissions";

// `missing` names what does not exist (operations answer 404 for it, not an audited 403).
export type Decision =
  { allowed: true } | { allowed: false; reason: string; missing?: "user" | "role" | "boundary" };

// A StaffActor fits; `permissions` are its effective permissions.
export interface PolicyActor {
  userId: string;
  permissions: ReadonlySet<Permission>;
}

type Check = () => string | { reason: string; missing: "user" | "role" | "boundary" } | null;

const ALLOWED: Decision = { allowed: true };

// The first check that objects decides; the checks are listed in the order a person would want
// to hear about them (missing permission first, lockout last).
function decide(checks: readonly Check[]): Decision {
  for (const check of checks) {
    const objection = check();
    if (typeof objection === "string") return { allowed: false, reason: objection };
    if (objection) return { allowed: false, ...objection };
  }
  return ALLOWED;
}

// Long lists are cut so that a reason stays readable (and fits the audit trail's reason field).
const named = (permissions: readonly Permission[]) => {
  const shown =
    permissions.length > 6
      ? [...permissions.slice(0, 5), `${permissions.length - 5} more`]
      : permissions;
  return `${shown.join(", ")}, which you do not hold`;
};

const needs =
  (actor: PolicyActor, permission: Permission, toDo: string): Check =>
  () =>
    actor.permissions.has(permission) ? null : `You need the permission ${permission} to ${toDo}.`;

const within =
  (
    actor: PolicyActor,
    permissions: readonly Permission[],
    say: (missing: string) => string,
  ): Check =>
  () => {
    const missing = missingFrom(permissions, actor.permissions);
    return missing.length ? say(named(missing)) : null;
  };

const notSelf =
  (actor: PolicyActor, userId: string, reason: string): Check =>
  () =>
    actor.userId === userId ? reason : null;

const exists =
  (thing: unknown, what: "user" | "role" | "boundary"): Check =>
  () =>
    thing ? null : { reason: `The ${what} does not exist.`, missing: what };

// Someone holding permissions the actor lacks is out of the actor's reach.
const userWithin =
  (actor: PolicyActor, state: AuthzState, user: StateUser | undefined, toDo: string): Check =>
  () => {
    if (!user) return null;
    const missing = missingFrom(potentialPermissions(state, user), actor.permissions);
    return missing.length
      ? `${user.label} holds ${named(missing)}; only someone who holds all of their permissions can ${toDo}.`
      : null;
  };

const noLockout =
  (state: AuthzState, change: AuthzChange): Check =>
  () => {
    const before = activeRoleManagers(state);
    const after = activeRoleManagers(applyChange(state, change));
    if (after.length > 0 || before.length === 0) return null;
    const last = before.map((id) => findUser(state, id)?.label ?? id).join(", ");
    return `This would leave nobody able to manage roles: ${last} ${before.length === 1 ? "is the last active user" : "are the last active users"} holding roles:write and roles:assign.`;
  };

export function canCreateOrEditRole(
  actor: PolicyActor,
  state: AuthzState,
  input: { roleId?: string; permissions: readonly Permission[] },
): Decision {
  const put = (missing: string) =>
    `You cannot put ${missing} into a role: a role can only contain permissions you hold.`;
  if (input.roleId === undefined) {
    return decide([
      needs(actor, "roles:write", "create roles"),
      within(actor, input.permissions, put),
    ]);
  }
  const roleId = input.roleId;
  const role = findRole(state, roleId);
  const self = findUser(state, actor.userId);
  return decide([
    needs(actor, "roles:write", "edit roles"),
    exists(role, "role"),
    () =>
      role?.builtIn
        ? `"${role.key}" is a built-in role: Tollgate defines it and it cannot be changed. Create a custom role instead.`
        : null,
    () =>
      role && self?.roleIds.includes(roleId)
        ? `You hold the role "${role.key}" yourself; another administrator must change it.`
        : null,
    within(
      actor,
      role?.permissions ?? [],
      (m) =>
        `The role "${role?.key}" grants ${m}; only someone who holds all of its permissions can change it.`,
    ),
    within(actor, input.permissions, put),
    noLockout(state, { kind: "updateRole", roleId, permissions: input.permissions }),
  ]);
}

export function canDeleteRole(
  actor: PolicyActor,
  state: AuthzState,
  input: { roleId: string },
): Decision {
  const role = findRole(state, input.roleId);
  const self = findUser(state, actor.userId);
  return decide([
    needs(actor, "roles:write", "delete roles"),
    exists(role, "role"),
    () =>
      role?.builtIn
        ? `"${role.key}" is a built-in role: Tollgate defines it and it cannot be deleted.`
        : null,
    () =>
      role && self?.roleIds.includes(role.id)
        ? `You hold the role "${role.key}" yourself; another administrator must delete it.`
        : null,
    within(
      actor,
      role?.permissions ?? [],
      (m) =>
        `The role "${role?.key}" grants ${m}; only someone who holds all of its permissions can delete it.`,
    ),
    noLockout(state, { kind: "deleteRole", roleId: input.roleId }),
  ]);
}

export function canAssignRole(
  actor: PolicyActor,
  state: AuthzState,
  input: { userId: string; roleId: string },
): Decision {
  const role = findRole(state, input.roleId);
  return decide([
    needs(actor, "roles:assign", "assign roles"),
    notSelf(actor, input.userId, "You cannot change your own roles; ask another administrator."),
    exists(findUser(state, input.userId), "user"),
    exists(role, "role"),
    within(
      actor,
      role?.permissions ?? [],
      (m) =>
        `The role "${role?.key}" grants ${m}: you can only assign roles within your own permissions.`,
    ),
  ]);
}

export function canRemoveRole(
  actor: PolicyActor,
  state: AuthzState,
  input: { userId: string; roleId: string },
): Decision {
  const role = findRole(state, input.roleId);
  return decide([
    needs(actor, "roles:assign", "remove roles"),
    notSelf(actor, input.userId, "You cannot change your own roles; ask another administrator."),
    exists(findUser(state, input.userId), "user"),
    exists(role, "role"),
    within(
      actor,
      role?.permissions ?? [],
      (m) =>
        `The role "${role?.key}" grants ${m}: you can only remove roles within your own permissions.`,
    ),
    noLockout(state, { kind: "removeRole", userId: input.userId, roleId: input.roleId }),
  ]);
}

export function canCreateOrEditBoundary(
  actor: PolicyActor,
  state: AuthzState,
  input: { boundaryId?: string; permissions: readonly Permission[] },
): Decision {
  const put = (missing: string) =>
    `You cannot put ${missing} into a boundary: a boundary can only allow permissions you hold.`;
  if (input.boundaryId === undefined) {
    return decide([
      needs(actor, "boundaries:write", "create boundaries"),
      within(actor, input.permissions, put),
    ]);
  }
  const boundaryId = input.boundaryId;
  const boundary = findBoundary(state, boundaryId);
  return decide([
    needs(actor, "boundaries:write", "edit boundaries"),
    exists(boundary, "boundary"),
    () =>
      findUser(state, actor.userId)?.boundaryId === boundaryId
        ? "This boundary applies to you; another administrator must change it."
        : null,
    within(
      actor,
      boundary?.permissions ?? [],
      (m) =>
        `The boundary "${boundary?.name}" allows ${m}; only someone who holds all of it can change it.`,
    ),
    within(actor, input.permissions, put),
    noLockout(state, { kind: "updateBoundary", boundaryId, permissions: input.permissions }),
  ]);
}

export function canDeleteBoundary(
  actor: PolicyActor,
  state: AuthzState,
  input: { boundaryId: string },
): Decision {
  const boundary = findBoundary(state, input.boundaryId);
  return decide([
    needs(actor, "boundaries:write", "delete boundaries"),
    exists(boundary, "boundary"),
    within(
      actor,
      boundary?.permissions ?? [],
      (m) =>
        `The boundary "${boundary?.name}" allows ${m}; only someone who holds all of it can delete it.`,
    ),
    // Deleting a boundary still in use would lift the ceiling of everyone under it at once.
    () => {
      const under = state.users.filter((u) => u.boundaryId === input.boundaryId).length;
      return under
        ? `The boundary "${boundary?.name}" still applies to ${under} ${under === 1 ? "user" : "users"}; detach it first.`
        : null;
    },
  ]);
}

export function canSetBoundary(
  actor: PolicyActor,
  state: AuthzState,
  input: { userId: string; boundaryId: string | null },
): Decision {
  const user = findUser(state, input.userId);
  const boundary = input.boundaryId === null ? null : findBoundary(state, input.boundaryId);
  // Detaching is judged by what the user's roles would then give.
  const detachedPermissions =
    user && input.boundaryId === null
      ? [...potentialPermissions(state, { ...user, boundaryId: null })]
      : [];
  return decide([
    needs(actor, "boundaries:write", "change boundaries"),
    notSelf(actor, input.userId, "You cannot change your own boundary; ask another administrator."),
    exists(user, "user"),
    exists(input.boundaryId === null || boundary, "boundary"),
    userWithin(actor, state, user, "change their boundary"),
    within(
      actor,
      boundary?.permissions ?? [],
      (m) =>
        `The boundary "${boundary?.name}" allows ${m}: you can only set a boundary within your own permissions.`,
    ),
    within(
      actor,
      detachedPermissions,
      (m) => `Removing the boundary would give ${user?.label} ${m}.`,
    ),
    noLockout(state, { kind: "setBoundary", userId: input.userId, boundaryId: input.boundaryId }),
  ]);
}

export function canSuspendUser(
  actor: PolicyActor,
  state: AuthzState,
  input: { userId: string },
): Decision {
  const user = findUser(state, input.userId);
  return decide([
    needs(actor, "users:write", "suspend users"),
    notSelf(actor, input.userId, "You cannot suspend yourself."),
    exists(user, "user"),
    userWithin(actor, state, user, "suspend them"),
    noLockout(state, { kind: "suspendUser", userId: input.userId }),
  ]);
}

export function canReactivateUser(
  actor: PolicyActor,
  state: AuthzState,
  input: { userId: string },
): Decision {
  const user = findUser(state, input.userId);
  return decide([
    // No self check: a suspended user holds nothing, so cannot get this far for themselves.
    needs(actor, "users:write", "reactivate users"),
    exists(user, "user"),
    userWithin(actor, state, user, "reactivate them"),
  ]);
}

export function canResetMfa(
  actor: PolicyActor,
  state: AuthzState,
  input: { userId: string },
): Decision {
  const user = findUser(state, input.userId);
  return decide([
    needs(actor, "users:write", "reset MFA"),
    notSelf(actor, input.userId, "You cannot reset your own MFA; ask another administrator."),
    exists(user, "user"),
    userWithin(actor, state, user, "reset their MFA"),
  ]);
}

// Revoking sessions changes nobody's access and is the first move when an account looks
// compromised, so it is open to any holder of sessions:revoke, for anyone, themselves included.
export function canRevokeSessions(actor: PolicyActor): Decision {
  return decide([needs(actor, "sessions:revoke", "revoke sessions")]);
}

export function canInviteUser(actor: PolicyActor): Decision {
  return decide([needs(actor, "users:write", "invite users")]);
}

// Four-eyes: the second person must be a different person, hold approvals:decide and hold the
// permission the change exercises. (The change itself is judged separately, for both people.)
export function canDecideApproval(
  actor: PolicyActor,
  input: { requestedById: string; permission: Permission; decision: "approve" | "reject" },
): Decision {
  return decide([
    needs(actor, "approvals:decide", `${input.decision} requests`),
    notSelf(
      actor,
      input.requestedById,
      `You cannot ${input.decision} your own request; another person must decide it.`,
    ),
    input.decision === "approve"
      ? needs(actor, input.permission, "approve this request")
      : () => null,
  ]);
}

export interface GrantablePermission {
  permission: Permission;
  grantable: boolean;
  reason?: string;
}

// For the role and boundary editors: which permissions this actor could put into a role or
// boundary, and why not for the rest.
export function grantablePermissions(actor: PolicyActor): GrantablePermission[] {
  return ALL_PERMISSIONS.map((permission) => {
    if (AGENT_SCOPES.includes(permission)) {
      return {
        permission,
        grantable: false,
        reason: "Agent scopes are given only to update-agent API clients.",
      };
    }
    if (!actor.permissions.has(permission)) {
      return {
        permission,
        grantable: false,
        reason: "You do not hold this permission, so you cannot grant it.",
      };
    }
    return { permission, grantable: true };
  });
}

// For API clients (their scopes are permissions too): an update agent gets only agent scopes,
// which act on its own license; a pipeline gets only what its creator holds.
export function canSetClientScopes(
  actor: PolicyActor,
  input: { kind: "AGENT" | "PIPELINE"; scopes: readonly Permission[] },
): Decision {
  const agentOnly = input.scopes.filter((s) => AGENT_SCOPES.includes(s));
  const other = input.scopes.filter((s) => !AGENT_SCOPES.includes(s));
  return decide([
    needs(actor, "api_clients:write", "manage API clients"),
    () =>
      input.kind === "AGENT" && other.length
        ? `An update agent can only be given ${AGENT_SCOPES.slice(0, -1).join(", ")} and ${AGENT_SCOPES.at(-1) ?? ""}.`
        : null,
    () =>
      input.kind === "PIPELINE" && agentOnly.length
        ? `A build pipeline cannot be given agent scopes (${agentOnly.join(", ")}).`
        : null,
    input.kind === "PIPELINE"
      ? within(actor, other, (m) => `You cannot give a pipeline ${m}.`)
      : () => null,
  ]);
}
