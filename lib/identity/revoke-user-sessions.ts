// An administrator ends every session of a user (a suspected compromise, a departure). The user
// is signed out at their next request, whichever portal they use.
import { recordAudit, type AuditRequestInfo } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

export async function revokeUserSessions(input: {
  actor: Actor;
  input: { userId: string };
  request: AuditRequestInfo;
}): Promise<{ revoked: number }> {
  authorize(input.actor, "sessions:revoke");
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: input.input.userId },
      select: { id: true, email: true },
    });
    if (!user) throw new AppError("not_found", "No such user.");
    const revoked = await tx.session.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, {
      action: "sessions.revoked",
      actor: input.actor,
      request: input.request,
      target: { type: "user", id: user.id },
      reason: "an administrator revoked the user's sessions",
      metadata: { account: user.email, revoked: revoked.count },
    });
    return { revoked: revoked.count };
  });
}
