// The authorization snapshot the policy judges a change against, read inside the change's
// transaction after taking the authorization lock (see admin-change.ts), so two administrators
// cannot each remove the other's last route to role management at the same moment.
import type { Tx } from "@/lib/db/client";
import type { AuthzState } from "./authz-state";
import { knownPermissions } from "./permission-sets";

export async function loadAuthzState(
  tx: Pick<Tx, "user" | "role" | "permissionBoundary">,
): Promise<AuthzState> {
  const roles = await tx.role.findMany({
    select: { id: true, key: true, builtIn: true, permissions: true },
    orderBy: { key: "asc" },
  });
  const boundaries = await tx.permissionBoundary.findMany({
    select: { id: true, name: true, permissions: true },
    orderBy: { name: "asc" },
  });
  const users = await tx.user.findMany({
    where: { kind: "STAFF" },
    select: {
      id: true,
      email: true,
      status: true,
      boundaryId: true,
      roleAssignments: { select: { roleId: true } },
    },
    orderBy: { email: "asc" },
  });
  return {
    roles: roles.map((r) => ({
      ...r,
      permissions: knownPermissions(r.permissions, `role ${r.key}`),
    })),
    boundaries: boundaries.map((b) => ({
      ...b,
      permissions: knownPermissions(b.permissions, `boundary ${b.id}`),
    })),
    users: users.map((u) => ({
      id: u.id,
      label: u.email,
      status: u.status,
      boundaryId: u.boundaryId,
      roleIds: u.roleAssignments.map((a) => a.roleId),
    })),
  };
}
