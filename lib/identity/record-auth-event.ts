// Writing identity events: successes and refusals of sign-in, MFA and step-up, blocked
// addresses. Failures go through recordAuthFailure so that each one is also counted towards the
// lockout and raises the alert when it tips an account or address over the limit.
import { recordAudit, type AuditEventInput, type AuditRequestInfo } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/authz/actor";
import { ANONYMOUS } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { findLockout, raiseLockoutAlert, type Lockout } from "./signin-lockout";

export type AuthFailureAction =
  "auth.sign_in_failed" | "auth.sign_in_refused" | "auth.mfa_failed" | "auth.step_up_failed";

export interface AuthFailureInput {
  action: AuthFailureAction;
  actor?: Actor;
  request: AuditRequestInfo;
  reason: string;
  // Lower-cased email the attempt was for, when known: the account the lockout counts.
  account: string | null;
  target?: AuditEventInput["target"];
  metadata?: Record<string, unknown>;
}

export async function recordAuthFailure(input: AuthFailureInput): Promise<Lockout | null> {
  return db().$transaction(async (tx) => {
    await recordAudit(tx, {
      action: input.action,
      actor: input.actor ?? ANONYMOUS,
      request: input.request,
      result: "DENIED",
      reason: input.reason.slice(0, 500),
      target: input.target,
      metadata: { ...input.metadata, account: input.account },
    });
    const lockout = await findLockout(tx, { ip: input.request.ip ?? null, account: input.account });
    if (lockout) await raiseLockoutAlert(tx, lockout, input.request);
    return lockout;
  });
}

export async function recordLockedOut(input: {
  lockout: Lockout;
  actor?: Actor;
  request: AuditRequestInfo;
  account: string | null;
  attempt: string;
  target?: AuditEventInput["target"];
}): Promise<void> {
  await db().$transaction(async (tx) => {
    await recordAudit(tx, {
      action: "auth.locked_out",
      actor: input.actor ?? ANONYMOUS,
      request: input.request,
      result: "DENIED",
      reason: `${input.attempt} refused: ${input.lockout.failures} recent failures for ${input.lockout.scope} ${input.lockout.subject}`,
      target: input.target,
      metadata: {
        account: input.account,
        scope: input.lockout.scope,
        failures: input.lockout.failures,
        attempt: input.attempt,
      },
    });
    await raiseLockoutAlert(tx, input.lockout, input.request);
  });
}

export async function recordIpBlocked(input: {
  request: AuditRequestInfo;
  path: string;
  actor?: Actor;
}): Promise<void> {
  await recordAudit(db(), {
    action: "auth.ip_blocked",
    actor: input.actor ?? ANONYMOUS,
    request: input.request,
    result: "DENIED",
    reason: input.request.ip
      ? `address ${input.request.ip} is outside STAFF_IP_ALLOWLIST`
      : "client address unknown",
    target: { type: "route", id: input.path.slice(0, 200) },
  });
}
