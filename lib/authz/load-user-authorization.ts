// A user's roles and effective permissions, read from the database. Authentication builds the
// StaffActor from this; the user detail page shows its explanation.
//
// Only STAFF users hold staff roles: a customer user with a stray role assignment gets nothing
// from it. Status is returned, not applied: authentication refuses suspended users outright.
import type { Tx } from "@/lib/db/client";
import { log } from "@/lib/log";
import { effectivePermissions, type PermissionExplanation } from "./effective-permissions";
import { knownPermissions } from "./permission-sets";
import type { Permission } from "./permissions";

export interface UserAuthorization {
  userId: string;
  status: "ACTIVE" | "SUSPENDED";
  roles: string[];
  boundary: { id: string; name: string; permissions: Permission[] } | null;
  permissions: Set<Permission>;
  explanation: PermissionExplanation[];
}

export async function loadUserAuthorization(
  db: Pick<Tx, "user">,
  userId: string,
): Promise<UserAuthorization | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      kind: true,
      status: true,
      boundary: { select: { id: true, name: true, permissions: true } },
      roleAssignments: {
        select: { role: { select: { key: true, permissions: true } } },
        orderBy: { role: { key: "asc" } },
      },
    },
  });
  if (!user) return null;
  const assignments = user.kind === "STAFF" ? user.roleAssignments : [];
  if (user.kind !== "STAFF" && user.roleAssignments.length) {
    log.warn({ userId }, "ignoring staff roles assigned to a customer user");
  }
  const roles = assignments.map(({ role }) => ({
    key: role.key,
    permissions: knownPermissions(role.permissions, `role ${role.key}`),
  }));
  const boundary = user.boundary
    ? {
        ...user.boundary,
        permissions: knownPermissions(user.boundary.permissions, `boundary ${user.boundary.id}`),
      }
    : null;
  const { permissions, explanation } = effectivePermissions({
    roles,
    boundary: boundary?.permissions ?? null,
  });
  return {
    userId: user.id,
    status: user.status,
    roles: roles.map((r) => r.key),
    boundary,
    permissions,
    explanation,
  };
}
