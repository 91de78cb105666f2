// The session check both portals' guards share: the session must exist, be within its idle and
// absolute limits, and belong to an active user. A dead session's cookie is cleared in the answer;
// `sessionEnded` tells a page which explanation to show.
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError, markAudited } from "@/lib/errors/app-error";
import type { RequestContext } from "@/lib/http/request-context";
import { actorForUser } from "./identity-actor";
import { resolveSession, type LiveSession, type SessionUser } from "./resolve-session";
import { clearSessionCookieHeader } from "./session-cookie";

export async function requireLiveSession(
  token: string,
  ctx: RequestContext,
): Promise<{ session: LiveSession; user: SessionUser }> {
  const resolved = await resolveSession(token, ctx);
  const clearCookie = { headers: { "set-cookie": clearSessionCookieHeader() } };
  switch (resolved.status) {
    case "none":
    case "unknown":
      throw new AppError(
        "unauthenticated",
        "Your session has ended (signed out or revoked). Sign in again.",
        { ...clearCookie, sessionEnded: "revoked" },
      );
    case "expired":
      // resolveSession wrote auth.session_expired as it ended the session.
      throw markAudited(
        new AppError("unauthenticated", "Your session has expired. Sign in again.", {
          ...clearCookie,
          sessionExpired: true,
          sessionEnded: "expired",
        }),
      );
    case "suspended": {
      const error = new AppError("unauthenticated", "Your account is suspended.", {
        ...clearCookie,
        sessionEnded: "suspended",
      });
      await recordAudit(db(), {
        action: "auth.session_rejected",
        actor: await actorForUser(db(), resolved.user, null),
        request: ctx,
        result: "DENIED",
        reason: "account suspended: sessions ended",
        target: { type: "route", id: ctx.path },
      });
      throw markAudited(error);
    }
  }
  return { session: resolved.session, user: resolved.user };
}
