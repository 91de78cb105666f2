import { AppError } from "@/lib/errors/app-error";
import { enforce, runAdminChange } from "./admin-change";
import { APPROVABLE_ACTIONS } from "./approval-actions";
import { assignRoleSchema, type AssignRoleInput } from "./assign-role.schema";
import { findUser } from "./authz-state";
import { createApprovalRequest } from "./create-approval-request";
import { requiresApproval } from "./four-eyes";
import type { Operation } from "./operation";
import { canAssignRole } from "./policy";
import { writeRoleAssignment } from "./write-role-assignment";

export type AssignRoleResult =
  | { status: "applied"; roles: string[] }
  | { status: "pending_approval"; approvalRequestId: string; expiresAt: Date };

// With four-eyes on for roles:assign the assignment becomes a request that a second person
// approves (approve-request.ts); the policy has judged the requester either way.
export async function assignRole({
  actor,
  input,
  request,
}: Operation<AssignRoleInput>): Promise<AssignRoleResult> {
  const { userId, roleId } = assignRoleSchema.parse(input);
  const ctx = {
    actor,
    request,
    operation: "roles.assign",
    target: { type: "user", id: userId },
    metadata: { roleId },
  };
  return runAdminChange(ctx, async ({ tx, state, policyActor }) => {
    enforce(canAssignRole(policyActor, state, { userId, roleId }));
    if (findUser(state, userId)?.roleIds.includes(roleId))
      throw new AppError("conflict", "The user already holds this role.");
    if (requiresApproval("roles:assign")) {
      const definition = APPROVABLE_ACTIONS["roles.assign"];
      if (!definition) throw new Error("the roles.assign approvable action is missing");
      const approval = await createApprovalRequest(tx, {
        actor,
        request,
        action: "roles.assign",
        definition,
        payload: { userId, roleId },
        summary: definition.prepare({ userId, roleId }).summary,
      });
      return {
        status: "pending_approval",
        approvalRequestId: approval.id,
        expiresAt: approval.expiresAt,
      };
    }
    return {
      status: "applied",
      ...(await writeRoleAssignment(tx, { actor, request, userId, roleId })),
    };
  });
}
