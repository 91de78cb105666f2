// Suspending also deletes the user's sessions, so they are cut off at their next request rather
// than when a session happens to expire.
import { recordAudit } from "@/lib/audit/record-audit";
import { enforce, runAdminChange } from "@/lib/authz/admin-change";
import { findUser } from "@/lib/authz/authz-state";
import type { Operation } from "@/lib/authz/operation";
import { canSuspendUser } from "@/lib/authz/policy";
import { AppError } from "@/lib/errors/app-error";
import { suspendUserSchema, type SuspendUserInput } from "./suspend-user.schema";

export async function suspendUser({
  actor,
  input,
  request,
}: Operation<SuspendUserInput>): Promise<{ status: "SUSPENDED"; sessionsRevoked: number }> {
  const { userId, reason } = suspendUserSchema.parse(input);
  const ctx = { actor, request, operation: "users.suspend", target: { type: "user", id: userId } };
  return runAdminChange(ctx, async ({ tx, state, policyActor }) => {
    enforce(canSuspendUser(policyActor, state, { userId }));
    if (findUser(state, userId)?.status === "SUSPENDED")
      throw new AppError("conflict", "The user is already suspended.");
    await tx.user.update({
      where: { id: userId },
      data: { status: "SUSPENDED", suspendedAt: new Date() },
    });
    const { count } = await tx.session.deleteMany({ where: { userId } });
    await recordAudit(tx, {
      action: "users.suspended",
      actor,
      request,
      reason,
      target: { type: "user", id: userId },
      before: { status: "ACTIVE" },
      after: { status: "SUSPENDED", sessionsRevoked: count },
    });
    return { status: "SUSPENDED", sessionsRevoked: count };
  });
}
