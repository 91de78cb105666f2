// Staff authentication (the guard core's step for staff access, for routes, actions and pages): an
// SSO session from an allowed network, a user who is still active staff, a second factor passed,
// and for sensitive actions a fresh WebAuthn assertion (step-up). Refusals throw AppError; the
// guard core audits them (and identity-specific events such as auth.session_expired, or a
// customer user at the staff door, are written here and marked audited).
import type { StaffActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import type { RequestContext } from "@/lib/http/request-context";
import { staffActorFor } from "./identity-actor";
import { idpMfaPolicy } from "./mfa-config";
import { sessionMfaState } from "./mfa-policy";
import { isAllowedStaffAddress, NETWORK_BLOCKED_MESSAGE, staffAllowlist } from "./network-policy";
import { recordIpBlocked } from "./record-auth-event";
import type { LiveSession, SessionUser } from "./resolve-session";
import { requireLiveSession } from "./require-live-session";
import { assertSameOrigin } from "./same-origin";
import { readSessionToken } from "./session-cookie";
import { isStepUpFresh } from "./session-policy";
import { wrongPortal } from "./wrong-portal";

export interface StaffAuthOptions {
  stepUp: boolean;
  // The request method, for the CSRF rule on state-changing requests (see same-origin.ts).
  method?: string;
  // The WebAuthn ceremonies and the MFA pages run before the second factor is passed.
  allowPendingMfa?: boolean;
  // False for a page render: a navigation may come from a link on any site.
  sameOrigin?: boolean;
  // Route path for the audit trail of a blocked address.
  path?: string;
}

export interface StaffSession {
  session: LiveSession;
  user: SessionUser;
  mfaSatisfied: boolean;
}

export async function authenticateStaffSession(
  headers: Headers,
  ctx: RequestContext,
  options: StaffAuthOptions,
): Promise<StaffSession> {
  const token = readSessionToken(headers);
  if (!token)
    throw new AppError("unauthenticated", "Sign in to the staff portal.", { signInRequired: true });
  if (!isAllowedStaffAddress(ctx.ip, staffAllowlist())) {
    await recordIpBlocked({ request: ctx, path: options.path ?? "staff API" });
    throw new AppError("forbidden", NETWORK_BLOCKED_MESSAGE, { networkBlocked: true });
  }
  if (options.sameOrigin !== false) assertSameOrigin(headers, options.method);

  const { session, user } = await requireLiveSession(token, ctx);
  if (user.kind !== "STAFF") throw await wrongPortal("STAFF", user, session, ctx);
  const mfaSatisfied = sessionMfaState(session, idpMfaPolicy()).satisfied;
  if (!mfaSatisfied && !options.allowPendingMfa) {
    throw new AppError("unauthenticated", "Complete the security key check first.", {
      mfaRequired: true,
    });
  }
  return { session, user, mfaSatisfied };
}

// The actor of a staff session, and whether its second factor is passed (always, unless the
// options allow it pending).
export async function authenticateStaffActor(
  headers: Headers,
  ctx: RequestContext,
  options: StaffAuthOptions,
): Promise<{ actor: StaffActor; mfaSatisfied: boolean }> {
  const { session, user, mfaSatisfied } = await authenticateStaffSession(headers, ctx, options);
  if (options.stepUp && !isStepUpFresh(session.stepUpAt, new Date(), env().STEP_UP_MAX_AGE)) {
    throw new AppError("forbidden", "This action needs a fresh security key check (step-up).", {
      stepUpRequired: true,
    });
  }
  return { actor: await staffActorFor(db(), user, session), mfaSatisfied };
}

export async function authenticateStaff(
  headers: Headers,
  ctx: RequestContext,
  options: StaffAuthOptions,
): Promise<StaffActor> {
  const { actor } = await authenticateStaffActor(headers, ctx, {
    ...options,
    allowPendingMfa: false,
  });
  return actor;
}
