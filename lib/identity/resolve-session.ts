// From a session cookie to a live session, applying the lifetime rules on every request: the
// absolute lifetime, the idle timeout, and the user's current status (a suspended user is cut
// off at the next request, and all their sessions go). An ended session is deleted at once.
import { recordAudit, type AuditRequestInfo } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { actorForUser } from "./identity-actor";
import { evaluateSessionTimes } from "./session-policy";
import { hashSessionToken } from "./session-token";

export interface LiveSession {
  id: string;
  userId: string;
  createdAt: Date;
  expires: Date;
  lastSeenAt: Date;
  idpAmr: string[];
  mfaVerifiedAt: Date | null;
  stepUpAt: Date | null;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  kind: "STAFF" | "CUSTOMER";
  status: "ACTIVE" | "SUSPENDED";
}

export type SessionResolution =
  | { status: "none" }
  // A cookie whose session is gone: signed out, signed out everywhere, or revoked.
  | { status: "unknown" }
  | { status: "expired"; reason: "expired_absolute" | "expired_idle"; user: SessionUser }
  | { status: "suspended"; user: SessionUser }
  | { status: "active"; session: LiveSession; user: SessionUser };

const SESSION_SELECT = {
  id: true,
  userId: true,
  createdAt: true,
  expires: true,
  lastSeenAt: true,
  idpAmr: true,
  mfaVerifiedAt: true,
  stepUpAt: true,
  user: { select: { id: true, email: true, name: true, kind: true, status: true } },
} as const;

export function sessionLimits() {
  const e = env();
  return { maxAgeSeconds: e.SESSION_MAX_AGE, idleTimeoutSeconds: e.SESSION_IDLE_TIMEOUT };
}

export async function resolveSession(
  token: string | null,
  request: AuditRequestInfo,
  now: Date = new Date(),
): Promise<SessionResolution> {
  if (!token) return { status: "none" };
  const row = await db().session.findUnique({
    where: { sessionToken: hashSessionToken(token) },
    select: SESSION_SELECT,
  });
  if (!row) return { status: "unknown" };
  const { user, ...session } = row;

  if (user.status === "SUSPENDED") {
    await db().session.deleteMany({ where: { userId: user.id } });
    return { status: "suspended", user };
  }

  const verdict = evaluateSessionTimes(session, now, sessionLimits());
  if (!verdict.valid) {
    await db().$transaction(async (tx) => {
      await tx.session.deleteMany({ where: { id: session.id } });
      await recordAudit(tx, {
        action: "auth.session_expired",
        actor: await actorForUser(tx, user, session.id),
        request,
        result: "DENIED",
        reason:
          verdict.reason === "expired_idle"
            ? "idle timeout reached"
            : "absolute session lifetime reached",
        target: { type: "session", id: session.id },
        metadata: {
          reason: verdict.reason,
          createdAt: session.createdAt,
          lastSeenAt: session.lastSeenAt,
        },
      });
    });
    return { status: "expired", reason: verdict.reason, user };
  }

  if (verdict.touch) {
    // Conditional on the value we read, so concurrent requests write it once.
    await db().session.updateMany({
      where: { id: session.id, lastSeenAt: session.lastSeenAt },
      data: { lastSeenAt: now },
    });
  }
  return { status: "active", session, user };
}
