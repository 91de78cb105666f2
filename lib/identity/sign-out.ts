// Signing out: this session, or every session of the user ("sign out everywhere", e.g. after a
// lost laptop). The cookie is cleared by the caller (a server action or route).
import { recordAudit, type AuditRequestInfo } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { actorForUser } from "./identity-actor";
import type { Portal } from "./sign-in-policy";
import { hashSessionToken } from "./session-token";

export interface SignOutResult {
  portal: Portal | null;
  sessionsEnded: number;
}

export async function signOut(input: {
  token: string | null;
  everywhere: boolean;
  request: AuditRequestInfo;
}): Promise<SignOutResult> {
  if (!input.token) return { portal: null, sessionsEnded: 0 };
  const hash = hashSessionToken(input.token);
  return db().$transaction(async (tx) => {
    const session = await tx.session.findUnique({
      where: { sessionToken: hash },
      select: { id: true, user: { select: { id: true, email: true, kind: true } } },
    });
    if (!session) return { portal: null, sessionsEnded: 0 };
    const actor = await actorForUser(tx, session.user, session.id);
    const ended = await tx.session.deleteMany({
      where: input.everywhere ? { userId: session.user.id } : { id: session.id },
    });
    await recordAudit(tx, {
      action: "auth.signed_out",
      actor,
      request: input.request,
      target: { type: "user", id: session.user.id },
      reason: input.everywhere ? "signed out everywhere" : "signed out",
      metadata: {
        scope: input.everywhere ? "all sessions" : "this session",
        sessionsEnded: ended.count,
        sessionId: session.id,
      },
    });
    return {
      portal: session.user.kind === "STAFF" ? "staff" : "customer",
      sessionsEnded: ended.count,
    };
  });
}
