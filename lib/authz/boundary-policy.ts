// Who may create, edit and delete boundaries, and attach or detach them (see policy.ts).
import { findBoundary, findUser, potentialPermissions, type AuthzState } from "./authz-state";
import type { Permission } from "./permissions";
import {
  decide,
  exists,
  needs,
  noLockout,
  notSelf,
  userWithin,
  within,
  type Decision,
  type PolicyActor,
} from "./policy-checks";

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
