// A snapshot of who holds what (staff users, roles, boundaries) and the pure effect of each
// administrative change on it. The policy simulates a change on the snapshot to see whom it
// would leave able to manage roles; operations load the snapshot inside their transaction.
import { effectivePermissions } from "./effective-permissions";
import type { Permission } from "./permissions";

export interface StateRole {
  id: string;
  key: string;
  builtIn: boolean;
  permissions: readonly Permission[];
}

export interface StateBoundary {
  id: string;
  name: string;
  permissions: readonly Permission[];
}

export interface StateUser {
  id: string;
  // Shown in refusal reasons; the email for real users.
  label: string;
  status: "ACTIVE" | "SUSPENDED";
  roleIds: readonly string[];
  boundaryId: string | null;
}

export interface AuthzState {
  users: readonly StateUser[];
  roles: readonly StateRole[];
  boundaries: readonly StateBoundary[];
}

export type AuthzChange =
  | { kind: "createRole"; role: StateRole }
  | { kind: "updateRole"; roleId: string; permissions: readonly Permission[] }
  | { kind: "deleteRole"; roleId: string }
  | { kind: "assignRole"; userId: string; roleId: string }
  | { kind: "removeRole"; userId: string; roleId: string }
  | { kind: "createBoundary"; boundary: StateBoundary }
  | { kind: "updateBoundary"; boundaryId: string; permissions: readonly Permission[] }
  | { kind: "deleteBoundary"; boundaryId: string }
  | { kind: "setBoundary"; userId: string; boundaryId: string | null }
  | { kind: "suspendUser"; userId: string }
  | { kind: "reactivateUser"; userId: string };

// Holding both is what "able to manage roles" means for the no-lockout rule.
export const ROLE_MANAGEMENT: readonly Permission[] = ["roles:write", "roles:assign"];

export const findUser = (state: AuthzState, id: string) => state.users.find((u) => u.id === id);
export const findRole = (state: AuthzState, id: string) => state.roles.find((r) => r.id === id);
export const findBoundary = (state: AuthzState, id: string) =>
  state.boundaries.find((b) => b.id === id);

// What the user's roles and boundary give, whatever their status.
export function potentialPermissions(state: AuthzState, user: StateUser): Set<Permission> {
  const roles = user.roleIds.flatMap((id) => findRole(state, id) ?? []);
  const boundary = user.boundaryId
    ? (findBoundary(state, user.boundaryId)?.permissions ?? [])
    : null;
  return effectivePermissions({ roles, boundary }).permissions;
}

// What the user can exercise now: nothing while suspended.
export function heldPermissions(state: AuthzState, userId: string): Set<Permission> {
  const user = findUser(state, userId);
  return user && user.status === "ACTIVE" ? potentialPermissions(state, user) : new Set();
}

export function isRoleManager(permissions: ReadonlySet<Permission>): boolean {
  return ROLE_MANAGEMENT.every((p) => permissions.has(p));
}

export function activeRoleManagers(state: AuthzState): string[] {
  return state.users.filter((u) => isRoleManager(heldPermissions(state, u.id))).map((u) => u.id);
}

const mapUser = (
  state: AuthzState,
  userId: string,
  fn: (u: StateUser) => StateUser,
): AuthzState => ({
  ...state,
  users: state.users.map((u) => (u.id === userId ? fn(u) : u)),
});

export function applyChange(state: AuthzState, change: AuthzChange): AuthzState {
  switch (change.kind) {
    case "createRole":
      return { ...state, roles: [...state.roles, change.role] };
    case "updateRole":
      return {
        ...state,
        roles: state.roles.map((r) =>
          r.id === change.roleId ? { ...r, permissions: change.permissions } : r,
        ),
      };
    case "deleteRole":
      // Assignments go with the role (ON DELETE CASCADE).
      return {
        ...state,
        roles: state.roles.filter((r) => r.id !== change.roleId),
        users: state.users.map((u) => ({
          ...u,
          roleIds: u.roleIds.filter((id) => id !== change.roleId),
        })),
      };
    case "assignRole":
      return mapUser(state, change.userId, (u) =>
        u.roleIds.includes(change.roleId) ? u : { ...u, roleIds: [...u.roleIds, change.roleId] },
      );
    case "removeRole":
      return mapUser(state, change.userId, (u) => ({
        ...u,
        roleIds: u.roleIds.filter((id) => id !== change.roleId),
      }));
    case "createBoundary":
      return { ...state, boundaries: [...state.boundaries, change.boundary] };
    case "updateBoundary":
      return {
        ...state,
        boundaries: state.boundaries.map((b) =>
          b.id === change.boundaryId ? { ...b, permissions: change.permissions } : b,
        ),
      };
    case "deleteBoundary":
      // Users under it lose their ceiling (ON DELETE SET NULL).
      return {
        ...state,
        boundaries: state.boundaries.filter((b) => b.id !== change.boundaryId),
        users: state.users.map((u) =>
          u.boundaryId === change.boundaryId ? { ...u, boundaryId: null } : u,
        ),
      };
    case "setBoundary":
      return mapUser(state, change.userId, (u) => ({ ...u, boundaryId: change.boundaryId }));
    case "suspendUser":
      return mapUser(state, change.userId, (u) => ({ ...u, status: "SUSPENDED" }));
    case "reactivateUser":
      return mapUser(state, change.userId, (u) => ({ ...u, status: "ACTIVE" }));
  }
}
