import { recordAudit } from "@/lib/audit/record-audit";
import { enforce, runAdminChange } from "@/lib/authz/admin-change";
import { findUser } from "@/lib/authz/authz-state";
import type { Operation } from "@/lib/authz/operation";
import { canRevokeSessions } from "@/lib/authz/policy";
import { AppError } from "@/lib/errors/app-error";
import { userIdSchema, type UserIdInput } from "./user-id.schema";

export async function revokeUserSessions({
  actor,
  input,
  request,
}: Operation<UserIdInput>): Promise<{ sessionsRevoked: number }> {
  const { userId } = userIdSchema.parse(input);
  const ctx = {
    actor,
    request,
    operation: "sessions.revoke",
    target: { type: "user", id: userId },
  };
  return runAdminChange(ctx, async ({ tx, state, policyActor }) => {
    enforce(canRevokeSessions(policyActor));
    if (!findUser(state, userId)) throw new AppError("not_found", "The user does not exist.");
    const { count } = await tx.session.deleteMany({ where: { userId } });
    await recordAudit(tx, {
      action: "sessions.revoked",
      actor,
      request,
      target: { type: "user", id: userId },
      before: { sessions: count },
      after: { sessions: 0 },
    });
    return { sessionsRevoked: count };
  });
}
