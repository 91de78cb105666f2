// Who may create, edit, delete, assign and remove roles (see policy.ts for the rules in words).
import { findRole, findUser, type AuthzState } from "./authz-state";
import type { Permission } from "./permissions";
import {
  decide,
  exists,
  needs,
  noLockout,
  notSelf,
  within,
  type Check,
  type Decision,
  type PolicyActor,
} from "./policy-checks";

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

// Assigning and removing a role are judged alike: never one's own roles, and only a role whose
// permissions the actor holds; removing one must not lock everybody out of role management.
function roleHolding(
  actor: PolicyActor,
  state: AuthzState,
  input: { userId: string; roleId: string },
  verb: "assign" | "remove",
): Check[] {
  const role = findRole(state, input.roleId);
  return [
    needs(actor, "roles:assign", `${verb} roles`),
    notSelf(actor, input.userId, "You cannot change your own roles; ask another administrator."),
    exists(findUser(state, input.userId), "user"),
    exists(role, "role"),
    within(
      actor,
      role?.permissions ?? [],
      (m) =>
        `The role "${role?.key}" grants ${m}: you can only ${verb} roles within your own permissions.`,
    ),
  ];
}

export function canAssignRole(
  actor: PolicyActor,
  state: AuthzState,
  input: { userId: string; roleId: string },
): Decision {
  return decide(roleHolding(actor, state, input, "assign"));
}

export function canRemoveRole(
  actor: PolicyActor,
  state: AuthzState,
  input: { userId: string; roleId: string },
): Decision {
  return decide([
    ...roleHolding(actor, state, input, "remove"),
    noLockout(state, { kind: "removeRole", userId: input.userId, roleId: input.roleId }),
  ]);
}
