// The alert rules, as data: which audited events count, per which subject, and how many within
// the window raise an alert (thresholds and windows from the env, lib/env.ts ALERT_*). They are
// evaluated as each event is written (evaluate-alert-rules.ts), so every refusal class feeds
// them wherever it happens: the network gate, the guard chain, sign-in, tokens, updates.
// Sign-in failures per account and per address raise `signin.lockout` where the lockout is
// decided (lib/identity/signin-lockout.ts, SIGNIN_* limits); the audit-chain check and the Redis
// fallback raise theirs directly.
import type { AuditAction } from "@/lib/audit/actions";
import type { AlertSeverity, Prisma } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

export interface WrittenEvent {
  id: string;
  action: AuditAction;
  result: "SUCCESS" | "FAILURE" | "DENIED";
  reason: string | null;
  actorType: string;
  actorId: string | null;
  ip: string | null;
  requestId: string | null;
  targetId: string | null;
  metadata?: unknown;
}

export interface RuleSubject {
  type: "client" | "ip" | "user" | "license";
  subject: string;
  // Counted events of this subject (added to the rule's own filter).
  where: Prisma.AuditEventWhereInput;
}

export interface AlertRule {
  kind: string;
  severity: AlertSeverity;
  title: (s: RuleSubject) => string;
  // The events this rule counts (also checked against a written event before any query).
  actions: readonly AuditAction[];
  matches?: (e: WrittenEvent) => boolean;
  where?: Prisma.AuditEventWhereInput;
  subjects: (e: WrittenEvent) => RuleSubject[];
  limits: () => { threshold: number; windowSeconds: number };
}

// Refusals of API attempts (every class: bad or missing tokens, bad signatures, refused checks
// and downloads, validation, rate limits); not, say, a download cut short by the network.
export const API_FAILURE_ACTIONS = [
  "request.rejected",
  "access.denied",
  "auth.session_rejected",
  "ratelimit.exceeded",
  "oauth.token_refused",
  "updates.check_refused",
  "downloads.refused",
] as const satisfies readonly AuditAction[];

const byIp = (e: WrittenEvent): RuleSubject[] =>
  e.ip ? [{ type: "ip", subject: e.ip, where: { ip: e.ip } }] : [];
const isClient = (e: WrittenEvent) => e.actorType === "AGENT" || e.actorType === "SERVICE";

export const REPEATED_FAILURES_ALERT = "api.repeated_failures";

export function alertRules(): AlertRule[] {
  const e = env();
  const window = e.ALERT_WINDOW;
  return [
    {
      kind: REPEATED_FAILURES_ALERT,
      severity: "HIGH",
      title: (s) =>
        `Repeated API failures from ${s.type === "client" ? "client" : "address"} ${s.subject}`,
      actions: API_FAILURE_ACTIONS,
      subjects: (ev) => [
        ...(isClient(ev) && ev.actorId
          ? [{ type: "client" as const, subject: ev.actorId, where: { actorId: ev.actorId } }]
          : []),
        ...byIp(ev),
      ],
      limits: () => ({ threshold: e.ALERT_API_FAILURES, windowSeconds: window }),
    },
    {
      kind: "network.outside_allowlist",
      severity: "HIGH",
      title: (s) =>
        `Repeated requests to the staff surface from outside the allowlist: ${s.subject}`,
      actions: ["auth.ip_blocked"],
      subjects: byIp,
      limits: () => ({ threshold: e.ALERT_BLOCKED_REQUESTS, windowSeconds: window }),
    },
    {
      kind: "auth.mfa_failures",
      severity: "HIGH",
      title: (s) => `Repeated security-key failures for ${s.subject}`,
      actions: ["auth.mfa_failed", "auth.step_up_failed"],
      subjects: (ev) =>
        ev.actorId ? [{ type: "user", subject: ev.actorId, where: { actorId: ev.actorId } }] : [],
      limits: () => ({ threshold: e.ALERT_MFA_FAILURES, windowSeconds: window }),
    },
    {
      kind: "ratelimit.storm",
      severity: "MEDIUM",
      title: (s) => `Rate-limit storm from ${s.subject}`,
      actions: ["ratelimit.exceeded"],
      subjects: byIp,
      limits: () => ({ threshold: e.ALERT_RATE_LIMIT_STORM, windowSeconds: window }),
    },
    {
      kind: "license.machine_limit",
      severity: "MEDIUM",
      title: (s) => `License ${s.subject} is checked from more machines than it allows`,
      actions: ["updates.check_refused"],
      matches: (ev) => ev.reason === "machine_limit_reached",
      where: { reason: "machine_limit_reached" },
      subjects: (ev) =>
        ev.targetId
          ? [{ type: "license", subject: ev.targetId, where: { targetId: ev.targetId } }]
          : [],
      limits: () => ({ threshold: 1, windowSeconds: window }),
    },
  ];
}

const ALL_ACTIONS = new Set<string>(
  [API_FAILURE_ACTIONS, ["auth.ip_blocked", "auth.mfa_failed", "auth.step_up_failed"]].flat(),
);

// Cheap pre-check on the write path: most events (successes) match no rule at all.
export const mayTriggerAlert = (action: string) => ALL_ACTIONS.has(action);
