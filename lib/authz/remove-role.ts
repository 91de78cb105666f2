import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors/app-error";
import { enforce, runAdminChange } from "./admin-change";
import type { Operation } from "./operation";
import { canRemoveRole } from "./policy";
import { removeRoleSchema, type RemoveRoleInput } from "./remove-role.schema";
import { roleKeysOf } from "./write-role-assignment";

export async function removeRole({
  actor,
  input,
  request,
}: Operation<RemoveRoleInput>): Promise<{ roles: string[] }> {
  const { userId, roleId } = removeRoleSchema.parse(input);
  const ctx = {
    actor,
    request,
    operation: "roles.remove",
    target: { type: "user", id: userId },
    metadata: { roleId },
  };
  return runAdminChange(ctx, async ({ tx, state, policyActor }) => {
    enforce(canRemoveRole(policyActor, state, { userId, roleId }));
    const before = await roleKeysOf(tx, userId);
    const removed = await tx.roleAssignment.deleteMany({ where: { userId, roleId } });
    if (removed.count === 0) throw new AppError("not_found", "The user does not hold this role.");
    const after = await roleKeysOf(tx, userId);
    const key = state.roles.find((r) => r.id === roleId)?.key;
    await recordAudit(tx, {
      action: "users.roles_changed",
      actor,
      request,
      target: { type: "user", id: userId },
      before: { roles: before },
      after: { roles: after },
      metadata: { change: "removed", role: key },
    });
    return { roles: after };
  });
}
