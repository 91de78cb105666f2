// Ends one staff session (the sessions page's "Revoke"): the session row goes, so its cookie is
// refused from the next request on. Audited in the same transaction, naming whose session it was.
import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { recordAudit, type AuditRequestInfo } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/authz/operation";
import { revokeSessionSchema, type RevokeSessionInput } from "./revoke-session.schema";

export async function revokeSession({
  actor,
  input,
  request,
}: {
  actor: Actor;
  input: RevokeSessionInput;
  request?: AuditRequestInfo;
}): Promise<{ sessionId: string }> {
  authorize(actor, "sessions:revoke");
  const { sessionId } = parseInput(revokeSessionSchema, input);
  return db().$transaction(async (tx) => {
    const session = await tx.session.findFirst({
      where: { id: sessionId, user: { kind: "STAFF" } },
      select: { id: true, userId: true, user: { select: { email: true } } },
    });
    if (!session) throw new AppError("not_found", "No such staff session.");
    await tx.session.delete({ where: { id: session.id } });
    await recordAudit(tx, {
      action: "sessions.revoked",
      actor,
      request,
      target: { type: "user", id: session.userId },
      before: { session: session.id, email: session.user.email },
    });
    return { sessionId: session.id };
  });
}
