// One role for its detail and edit page: what it grants, who holds it (with users:read), and
// which permissions this actor could put into it.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { freshPolicyActor } from "./admin-change";
import { loadAuthzState } from "./load-authz-state";
import { parseInput, type Operation } from "./operation";
import {
  canCreateOrEditRole,
  canDeleteRole,
  grantablePermissions,
  type Decision,
  type GrantablePermission,
} from "./policy";
import { authorize } from "./authorize";
import { idSchema } from "./schema-parts";
import { roleSelect, toRoleView, type RoleView } from "./views";

export interface RoleDetail extends RoleView {
  holders: { id: string; email: string; status: "ACTIVE" | "SUSPENDED" }[] | null;
  grantable: GrantablePermission[];
  actions: { edit: Decision; delete: Decision };
}

export async function getRole({
  actor,
  input,
}: Operation<{ roleId: string }>): Promise<RoleDetail> {
  const roleId = parseInput(idSchema, input.roleId);
  authorize(actor, "roles:read", "view roles");
  const row = await db().role.findUnique({ where: { id: roleId }, select: roleSelect });
  if (!row) throw new AppError("not_found", "The role does not exist.");
  const role = toRoleView(row);
  const holders = actor.permissions.has("users:read")
    ? (
        await db().roleAssignment.findMany({
          where: { roleId },
          select: { user: { select: { id: true, email: true, status: true } } },
          orderBy: { user: { email: "asc" } },
        })
      ).map((a) => a.user)
    : null;
  const state = await loadAuthzState(db());
  const me = freshPolicyActor(actor, state);
  return {
    ...role,
    holders,
    grantable: grantablePermissions(me),
    actions: {
      edit: canCreateOrEditRole(me, state, { roleId, permissions: role.permissions }),
      delete: canDeleteRole(me, state, { roleId }),
    },
  };
}
