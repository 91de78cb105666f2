import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors/app-error";
import { enforce, runAdminChange } from "./admin-change";
import { deleteRoleSchema, type DeleteRoleInput } from "./delete-role.schema";
import type { Operation } from "./operation";
import { canDeleteRole } from "./policy";
import { roleAudit, roleSelect, toRoleView } from "./views";

// A role still held by someone is not deleted: taking access away from people should be an
// explicit removal, one user at a time, each with its own audit event.
export async function deleteRole({
  actor,
  input,
  request,
}: Operation<DeleteRoleInput>): Promise<{ id: string }> {
  const { roleId } = deleteRoleSchema.parse(input);
  const ctx = { actor, request, operation: "roles.delete", target: { type: "role", id: roleId } };
  return runAdminChange(ctx, async ({ tx, state, policyActor }) => {
    enforce(canDeleteRole(policyActor, state, { roleId }));
    const holders = await tx.roleAssignment.count({ where: { roleId } });
    if (holders > 0) {
      throw new AppError(
        "conflict",
        `The role is assigned to ${holders} ${holders === 1 ? "user" : "users"}; remove it from them first.`,
      );
    }
    const role = toRoleView(await tx.role.delete({ where: { id: roleId }, select: roleSelect }));
    await recordAudit(tx, {
      action: "roles.deleted",
      actor,
      request,
      target: { type: "role", id: roleId },
      before: roleAudit(role),
      after: null,
    });
    return { id: roleId };
  });
}
