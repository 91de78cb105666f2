// Effective permissions: what an identity may actually do.
//
//   effective = (union of the permissions of the user's roles) ∩ (the user's boundary)
//
// The boundary is a set attached to the USER (PermissionBoundary via User.boundaryId), not to a
// role: it is a ceiling on the person whatever roles they are given later, so an administrator
// can hand someone a broad role and still keep them out of, say, settings. No boundary means no
// ceiling. Service identities work the same way: an API client's scopes are its "roles" and
// ApiClient.boundaryId its ceiling. Status (suspended users hold nothing) is applied by callers
// that know it (authentication, the policy's state model), not here.
//
// The explanation covers every permission of the catalogue so the user detail page can show,
// for each one, which roles give it and whether the boundary takes it away.
import { sortPermissions } from "./permission-sets";
import { ALL_PERMISSIONS, type Permission } from "./permissions";

export interface RoleGrant {
  key: string;
  permissions: readonly Permission[];
}

export interface PermissionExplanation {
  permission: Permission;
  // Keys of the roles (or "scopes" for a client) that give it; empty when nothing does.
  grantedBy: string[];
  // null when no boundary is attached.
  withinBoundary: boolean | null;
  // Given by a role but outside the boundary.
  removedByBoundary: boolean;
  effective: boolean;
}

export interface EffectivePermissions {
  permissions: Set<Permission>;
  explanation: PermissionExplanation[];
}

export function effectivePermissions(input: {
  roles: readonly RoleGrant[];
  boundary: readonly Permission[] | null;
}): EffectivePermissions {
  const boundary = input.boundary ? new Set(input.boundary) : null;
  const permissions = new Set<Permission>();
  const explanation = ALL_PERMISSIONS.map((permission): PermissionExplanation => {
    const grantedBy = input.roles
      .filter((r) => r.permissions.includes(permission))
      .map((r) => r.key);
    const withinBoundary = boundary ? boundary.has(permission) : null;
    const effective = grantedBy.length > 0 && withinBoundary !== false;
    if (effective) permissions.add(permission);
    return {
      permission,
      grantedBy,
      withinBoundary,
      removedByBoundary: grantedBy.length > 0 && withinBoundary === false,
      effective,
    };
  });
  return { permissions, explanation };
}

// An API client's scopes, bounded like a user's roles.
export function effectiveScopes(input: {
  scopes: readonly Permission[];
  boundary: readonly Permission[] | null;
}): Set<Permission> {
  const boundary = input.boundary ? new Set(input.boundary) : null;
  return new Set(sortPermissions(input.scopes.filter((p) => !boundary || boundary.has(p))));
}
