// Active sessions for the administrators' view (sessions:read): who is signed in, since when,
// from where, and whether the second factor was passed. Tokens are never returned.
import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { idpMfaPolicy } from "./mfa-config";
import { sessionMfaState } from "./mfa-policy";

export interface SessionSummary {
  id: string;
  userId: string;
  email: string;
  kind: "STAFF" | "CUSTOMER";
  createdAt: Date;
  lastSeenAt: Date;
  expires: Date;
  ip: string | null;
  userAgent: string | null;
  mfa: "webauthn" | "idp" | "pending";
  stepUpAt: Date | null;
}

export async function listSessions(
  input: { actor: Actor; input: { userId?: string } },
  now = new Date(),
): Promise<SessionSummary[]> {
  authorize(input.actor, "sessions:read");
  const rows = await db().session.findMany({
    where: { expires: { gt: now }, ...(input.input.userId ? { userId: input.input.userId } : {}) },
    orderBy: { lastSeenAt: "desc" },
    take: 500,
    select: {
      id: true,
      userId: true,
      createdAt: true,
      lastSeenAt: true,
      expires: true,
      ip: true,
      userAgent: true,
      idpAmr: true,
      mfaVerifiedAt: true,
      stepUpAt: true,
      user: { select: { email: true, kind: true } },
    },
  });
  const policy = idpMfaPolicy();
  return rows.map((r) => {
    const mfa = sessionMfaState(r, policy);
    return {
      id: r.id,
      userId: r.userId,
      email: r.user.email,
      kind: r.user.kind,
      createdAt: r.createdAt,
      lastSeenAt: r.lastSeenAt,
      expires: r.expires,
      ip: r.ip,
      userAgent: r.userAgent,
      mfa: mfa.satisfied ? mfa.via : "pending",
      stepUpAt: r.stepUpAt,
    };
  });
}
