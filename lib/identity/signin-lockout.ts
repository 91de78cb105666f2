// Lockout after repeated sign-in failures, counted from the audit trail itself (every failure is
// audited anyway, so there is no second counter to drift): within SIGNIN_FAILURE_WINDOW, an
// account with SIGNIN_MAX_FAILURES failures, or a source address with SIGNIN_MAX_FAILURES_PER_IP,
// is refused further attempts. Refused attempts count too, so a lock lasts while someone keeps
// trying and lifts by itself one quiet window later.
import type { Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { raiseAlert } from "@/lib/alerts/raise-alert";
import type { AuditAction } from "@/lib/audit/actions";

export const SIGN_IN_FAILURE_ACTIONS = [
  "auth.sign_in_failed",
  "auth.sign_in_refused",
  "auth.mfa_failed",
  "auth.step_up_failed",
  "auth.locked_out",
] as const satisfies readonly AuditAction[];

export interface LockoutSubject {
  ip: string | null;
  // Lower-cased email, as recorded in the failure events' metadata.account.
  account: string | null;
}

export interface Lockout {
  scope: "account" | "ip";
  subject: string;
  failures: number;
}

export interface LockoutLimits {
  maxFailures: number;
  maxFailuresPerIp: number;
  windowSeconds: number;
}

export function lockoutLimits(): LockoutLimits {
  const e = env();
  return {
    maxFailures: e.SIGNIN_MAX_FAILURES,
    maxFailuresPerIp: e.SIGNIN_MAX_FAILURES_PER_IP,
    windowSeconds: e.SIGNIN_FAILURE_WINDOW,
  };
}

export async function findLockout(
  db: Pick<Tx, "auditEvent">,
  subject: LockoutSubject,
  now: Date = new Date(),
  limits: LockoutLimits = lockoutLimits(),
): Promise<Lockout | null> {
  const since = new Date(now.getTime() - limits.windowSeconds * 1000);
  const recent = { action: { in: [...SIGN_IN_FAILURE_ACTIONS] }, at: { gte: since } };
  if (subject.account) {
    const failures = await db.auditEvent.count({
      where: { ...recent, metadata: { path: ["account"], equals: subject.account } },
    });
    if (failures >= limits.maxFailures)
      return { scope: "account", subject: subject.account, failures };
  }
  if (subject.ip) {
    const failures = await db.auditEvent.count({ where: { ...recent, ip: subject.ip } });
    if (failures >= limits.maxFailuresPerIp) return { scope: "ip", subject: subject.ip, failures };
  }
  return null;
}

// The alert store folds repeats of the same subject into one open alert. Until the alerting work
// lands, the `security.alert` log line at level error is what operators page on.
// Folds into the account's or address's active lockout alert, logged once per window.
export async function raiseLockoutAlert(
  tx: Tx,
  lockout: Lockout,
  request: { requestId?: string | null; ip?: string | null },
): Promise<void> {
  await raiseAlert(tx, {
    kind: "signin.lockout",
    severity: "HIGH",
    title:
      lockout.scope === "account"
        ? `Sign-in locked for account ${lockout.subject}`
        : `Sign-in locked for address ${lockout.subject}`,
    subject: `${lockout.scope}:${lockout.subject}`,
    details: {
      scope: lockout.scope,
      failures: lockout.failures,
      ip: request.ip ?? null,
      requestId: request.requestId ?? null,
    },
  });
}
