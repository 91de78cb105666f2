import { recordAudit } from "@/lib/audit/record-audit";
import { enforce, runAdminChange } from "@/lib/authz/admin-change";
import { findUser } from "@/lib/authz/authz-state";
import type { Operation } from "@/lib/authz/operation";
import { canReactivateUser } from "@/lib/authz/policy";
import { AppError } from "@/lib/errors/app-error";
import { userIdSchema, type UserIdInput } from "./user-id.schema";

export async function reactivateUser({
  actor,
  input,
  request,
}: Operation<UserIdInput>): Promise<{ status: "ACTIVE" }> {
  const { userId } = userIdSchema.parse(input);
  const ctx = {
    actor,
    request,
    operation: "users.reactivate",
    target: { type: "user", id: userId },
  };
  return runAdminChange(ctx, async ({ tx, state, policyActor }) => {
    enforce(canReactivateUser(policyActor, state, { userId }));
    if (findUser(state, userId)?.status === "ACTIVE")
      throw new AppError("conflict", "The user is already active.");
    await tx.user.update({ where: { id: userId }, data: { status: "ACTIVE", suspendedAt: null } });
    await recordAudit(tx, {
      action: "users.reactivated",
      actor,
      request,
      target: { type: "user", id: userId },
      before: { status: "SUSPENDED" },
      after: { status: "ACTIVE" },
    });
    return { status: "ACTIVE" };
  });
}
