// The session check both portals' guards share: the session must exist, be within its idle and
// absolute limits, and belong to an active user. A dead session's cookie is cleared in the answer.
import { AppError } from "@/lib/errors/app-error";
import type { RequestContext } from "@/lib/http/request-context";
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
        clearCookie,
      );
    case "expired":
      throw new AppError("unauthenticated", "Your session has expired. Sign in again.", {
        ...clearCookie,
        sessionExpired: true,
      });
    case "suspended":
      throw new AppError("unauthenticated", "Your account is suspended.", clearCookie);
  }
  return { session: resolved.session, user: resolved.user };
}
