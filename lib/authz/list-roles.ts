// Roles for the administration pages, each with what this actor may do to it (and why not).
import { db } from "@/lib/db/client";
import { freshPolicyActor } from "./admin-change";
import { loadAuthzState } from "./load-authz-state";
import type { Operation } from "./operation";
import { canCreateOrEditRole, canDeleteRole, type Decision } from "./policy";
import { authorize } from "./authorize";
import { roleSelect, toRoleView, type RoleView } from "./views";

export interface RoleListItem extends RoleView {
  holders: number;
  actions: { edit: Decision; delete: Decision };
}

export async function listRoles({
  actor,
}: Operation<Record<string, never>>): Promise<RoleListItem[]> {
  authorize(actor, "roles:read", "view roles");
  const rows = await db().role.findMany({
    select: { ...roleSelect, _count: { select: { assignments: true } } },
    orderBy: [{ builtIn: "desc" }, { key: "asc" }],
  });
  const state = await loadAuthzState(db());
  const me = freshPolicyActor(actor, state);
  return rows.map(({ _count, ...row }) => {
    const role = toRoleView(row);
    return {
      ...role,
      holders: _count.assignments,
      actions: {
        edit: canCreateOrEditRole(me, state, { roleId: role.id, permissions: role.permissions }),
        delete: canDeleteRole(me, state, { roleId: role.id }),
      },
    };
  });
}
