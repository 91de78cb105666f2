// next-auth's events: a completed sign-in (the session exists now) and a sign-out through
// next-auth's own endpoint. A new sign-in replaces the browser's previous session, so a session
// id planted before sign-in (session fixation) never becomes an authenticated one.
import type { Account, User } from "next-auth";
import type { AdapterSession } from "next-auth/adapters";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { actorForUser } from "../identity-actor";
import { idpMfaPolicy } from "../mfa-config";
import { idpMfaSatisfied } from "../mfa-policy";
import { hashSessionToken } from "../session-token";
import type { SignInAttempt } from "./sign-in-attempt";

export async function recordSignIn(
  attempt: SignInAttempt,
  message: { user: User; account: Account | null; isNewUser?: boolean },
): Promise<void> {
  const approved = attempt.approved;
  if (!approved) return;
  const now = new Date();
  await db().$transaction(async (tx) => {
    const user = await tx.user.update({
      where: { id: message.user.id },
      data: { lastSignInAt: now },
      select: { id: true, email: true, kind: true },
    });
    if (attempt.previousSessionToken) {
      await tx.session.deleteMany({
        where: { sessionToken: hashSessionToken(attempt.previousSessionToken) },
      });
    }
    const actor = await actorForUser(tx, user, attempt.sessionId);
    const target = { type: "user", id: user.id };
    if (message.isNewUser && approved.provision) {
      await recordAudit(tx, {
        action: "users.provisioned",
        actor,
        request: attempt.ctx,
        target,
        after: { email: user.email, kind: user.kind },
        reason: "first sign-in of an allowlisted staff identity",
        metadata: { provider: approved.provider },
      });
    }
    const idpMfa = approved.portal === "staff" && idpMfaSatisfied(approved.amr, idpMfaPolicy());
    await recordAudit(tx, {
      action: "auth.signed_in",
      actor,
      request: attempt.ctx,
      target,
      reason:
        approved.portal === "customer"
          ? "customer portal sign-in"
          : idpMfa
            ? "staff SSO sign-in; the IdP's MFA is trusted"
            : "staff SSO sign-in; security key check pending",
      metadata: {
        portal: approved.portal,
        provider: approved.provider,
        amr: approved.amr,
        account: approved.email,
        idpMfaTrusted: idpMfa,
        sessionId: attempt.sessionId,
      },
    });
  });
}

function isAdapterSession(value: unknown): value is AdapterSession {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { userId?: unknown }).userId === "string"
  );
}

export async function recordNextAuthSignOut(
  attempt: SignInAttempt,
  message: { session: unknown },
): Promise<void> {
  const session = message.session;
  if (!isAdapterSession(session)) return;
  await db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: session.userId },
      select: { id: true, email: true, kind: true },
    });
    if (!user) return;
    await recordAudit(tx, {
      action: "auth.signed_out",
      actor: await actorForUser(tx, user, null),
      request: attempt.ctx,
      target: { type: "user", id: user.id },
      reason: "signed out",
      metadata: { scope: "this session" },
    });
  });
}
