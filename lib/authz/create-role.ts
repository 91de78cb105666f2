import { recordAudit } from "@/lib/audit/record-audit";
import { enforce, runAdminChange } from "./admin-change";
import { createRoleSchema, type CreateRoleInput } from "./create-role.schema";
import { parseInput, type Operation } from "./operation";
import { canCreateOrEditRole } from "./policy";
import { roleAudit, roleSelect, toRoleView, type RoleView } from "./views";

export async function createRole({
  actor,
  input,
  request,
}: Operation<CreateRoleInput>): Promise<RoleView> {
  const data = parseInput(createRoleSchema, input);
  const ctx = {
    actor,
    request,
    operation: "roles.create",
    target: { type: "role", id: null },
    metadata: { key: data.key, permissions: data.permissions },
  };
  return runAdminChange(ctx, async ({ tx, state, policyActor }) => {
    enforce(canCreateOrEditRole(policyActor, state, { permissions: data.permissions }));
    const role = toRoleView(
      await tx.role.create({ data: { ...data, createdById: actor.userId }, select: roleSelect }),
    );
    await recordAudit(tx, {
      action: "roles.created",
      actor,
      request,
      target: { type: "role", id: role.id },
      before: null,
      after: roleAudit(role),
    });
    return role;
  });
}
