// An administrator ends every session of a user (a suspected compromise, a departure), staff or
// customer: the user is signed out at their next request, whichever portal they use. The one
// revocation behind both the staff portal's action and DELETE /api/auth/sessions: judged by the
// policy against a fresh snapshot under the authorization lock, refusals audited (admin-change.ts).
import { recordAudit } from "@/lib/audit/record-audit";
import { enforce, runAdminChange } from "@/lib/authz/admin-change";
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
  return runAdminChange(ctx, async ({ tx, policyActor }) => {
    enforce(canRevokeSessions(policyActor));
    // Any user, not only staff: customer users' sessions are revoked the same way.
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (!user) throw new AppError("not_found", "The user does not exist.");
    const { count } = await tx.session.deleteMany({ where: { userId } });
    await recordAudit(tx, {
      action: "sessions.revoked",
      actor,
      request,
      target: { type: "user", id: userId },
      reason: "an administrator revoked the user's sessions",
      metadata: { account: user.email },
      before: { sessions: count },
      after: { sessions: 0 },
    });
    return { sessionsRevoked: count };
  });
}
