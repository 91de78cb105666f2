// next-auth's signIn callback: after the IdP has authenticated someone, decide whether they may
// sign in to the portal whose provider they used. Every refusal is audited with the address,
// user agent and reason, counts towards the lockout, and sends the person to a page that says why.
import type { Account, Profile } from "next-auth";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { recordAuthFailure, recordLockedOut } from "../record-auth-event";
import {
  decideSignIn,
  REFUSAL_MESSAGES,
  type IdpIdentity,
  type KnownUser,
  type Portal,
  type RefusalReason,
} from "../sign-in-policy";
import { findLockout } from "../signin-lockout";
import { portalOfProvider, stringList, type OidcClaims } from "./oidc-providers";
import type { SignInAttempt } from "./sign-in-attempt";

const USER_FOR_SIGN_IN = {
  id: true,
  email: true,
  kind: true,
  status: true,
  invitedAt: true,
  _count: { select: { memberships: true } },
} as const;

async function findUserForSignIn(provider: string, subject: string, email: string | null) {
  const linked = await db().account.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId: subject } },
    select: { user: { select: USER_FOR_SIGN_IN } },
  });
  if (linked) return linked.user;
  return email ? db().user.findUnique({ where: { email }, select: USER_FOR_SIGN_IN }) : null;
}

export function refusedUrl(reason: RefusalReason, portal: Portal): string {
  return `${env().APP_URL.replace(/\/+$/, "")}/signin/refused?reason=${reason}&portal=${portal}`;
}

export function identityFromClaims(claims: OidcClaims | undefined): IdpIdentity {
  const email =
    typeof claims?.email === "string" && claims.email.includes("@")
      ? claims.email.trim().toLowerCase()
      : null;
  return {
    email,
    emailVerified: typeof claims?.email_verified === "boolean" ? claims.email_verified : null,
    groups: stringList(claims?.groups),
  };
}

export async function approveSignIn(
  attempt: SignInAttempt,
  params: { account: Account | null; profile?: Profile },
): Promise<true | string> {
  const { account } = params;
  const portal = portalOfProvider(account?.provider);
  if (!account || !portal) return refusedUrl("not_allowed", "staff");
  const claims = params.profile as OidcClaims | undefined;
  const identity = identityFromClaims(claims);
  const user = await findUserForSignIn(account.provider, account.providerAccountId, identity.email);
  const accountKey = identity.email ?? user?.email ?? null;
  const request = attempt.ctx;
  const target = user
    ? { type: "user", id: user.id }
    : { type: "idp_subject", id: account.providerAccountId };

  const lockout = await findLockout(db(), { ip: request.ip, account: accountKey });
  if (lockout) {
    await recordLockedOut({
      lockout,
      request,
      account: accountKey,
      attempt: `${portal} sign-in`,
      target,
    });
    request.log.warn({ scope: lockout.scope }, "sign-in refused: locked out");
    return refusedUrl("locked", portal);
  }

  const known: KnownUser | null = user
    ? {
        kind: user.kind,
        status: user.status,
        invitedAt: user.invitedAt,
        membershipCount: user._count.memberships,
      }
    : null;
  const e = env();
  const decision = decideSignIn(portal, identity, known, {
    emailDomains: e.STAFF_EMAIL_DOMAINS,
    groups: e.STAFF_GROUPS,
  });
  if (!decision.allowed) {
    await recordAuthFailure({
      action: "auth.sign_in_refused",
      request,
      reason: `${decision.reason}: ${REFUSAL_MESSAGES[decision.reason]}`,
      account: accountKey,
      target,
      metadata: {
        portal,
        provider: account.provider,
        reason: decision.reason,
        groups: identity.groups,
      },
    });
    request.log.warn({ reason: decision.reason, portal }, "sign-in refused");
    return refusedUrl(decision.reason, portal);
  }

  attempt.approved = {
    portal,
    provider: account.provider,
    // decideSignIn refuses a missing email, so it is present here.
    email: identity.email ?? "",
    provision: decision.provision,
    amr: stringList(claims?.amr).slice(0, 20),
  };
  return true;
}
