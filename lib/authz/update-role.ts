import { recordAudit } from "@/lib/audit/record-audit";
import { enforce, runAdminChange } from "./admin-change";
import { parseInput, type Operation } from "./operation";
import { canCreateOrEditRole } from "./policy";
import { updateRoleSchema, type UpdateRoleInput } from "./update-role.schema";
import { roleAudit, roleSelect, toRoleView, type RoleView } from "./views";

// Renaming is an edit too: the policy judges every edit of a role, so a role nobody may change
// cannot be relabelled to mislead whoever assigns it next.
export async function updateRole({
  actor,
  input,
  request,
}: Operation<UpdateRoleInput>): Promise<RoleView> {
  const { roleId, ...changes } = parseInput(updateRoleSchema, input);
  const ctx = {
    actor,
    request,
    operation: "roles.update",
    target: { type: "role", id: roleId },
    metadata: { permissions: changes.permissions },
  };
  return runAdminChange(ctx, async ({ tx, state, policyActor }) => {
    const current = state.roles.find((r) => r.id === roleId);
    enforce(
      canCreateOrEditRole(policyActor, state, {
        roleId,
        permissions: changes.permissions ?? current?.permissions ?? [],
      }),
    );
    const before = toRoleView(
      await tx.role.findUniqueOrThrow({ where: { id: roleId }, select: roleSelect }),
    );
    const after = toRoleView(
      await tx.role.update({ where: { id: roleId }, data: changes, select: roleSelect }),
    );
    await recordAudit(tx, {
      action: "roles.updated",
      actor,
      request,
      target: { type: "role", id: roleId },
      before: roleAudit(before),
      after: roleAudit(after),
    });
    return after;
  });
}
