// "Repeated failures from one client or IP raise an alert." The audit trail already holds every
// refused attempt, so the count comes from there: after a refusal, the refused request's own
// audit event names the client and the address, and the failures of each in the recent window
// are counted. At the threshold an `api.repeated_failures` alert is raised for that subject;
// further failures fold into it (raise-alert.ts).
import type { AuditAction } from "@/lib/audit/actions";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { raiseAlert, type RaisedAlert } from "./raise-alert";

export const REPEATED_FAILURES_ALERT = "api.repeated_failures";

// Refusals of API attempts; not, say, a download cut short by the network.
export const FAILURE_ACTIONS: readonly AuditAction[] = [
  "request.rejected",
  "access.denied",
  "auth.session_rejected",
  "ratelimit.exceeded",
  "oauth.token_refused",
  "updates.check_refused",
  "downloads.refused",
];

export interface FailureAlarmPolicy {
  threshold: number;
  windowSeconds: number;
}

export const DEFAULT_FAILURE_ALARM: FailureAlarmPolicy = { threshold: 10, windowSeconds: 5 * 60 };

const failed: Prisma.AuditEventWhereInput = {
  action: { in: [...FAILURE_ACTIONS] },
  result: { in: ["FAILURE", "DENIED"] },
};

export async function alarmOnRepeatedFailures(
  requestId: string,
  policy: FailureAlarmPolicy = DEFAULT_FAILURE_ALARM,
): Promise<RaisedAlert[]> {
  const event = await db().auditEvent.findFirst({
    where: { requestId, ...failed },
    orderBy: { seq: "desc" },
    select: { actorType: true, actorId: true, ip: true, action: true, targetId: true },
  });
  if (!event) return [];
  const since = new Date(Date.now() - policy.windowSeconds * 1000);
  const subjects: { kind: "client" | "ip"; subject: string; where: Prisma.AuditEventWhereInput }[] =
    [];
  if ((event.actorType === "AGENT" || event.actorType === "SERVICE") && event.actorId) {
    subjects.push({ kind: "client", subject: event.actorId, where: { actorId: event.actorId } });
  }
  if (event.ip) subjects.push({ kind: "ip", subject: event.ip, where: { ip: event.ip } });

  const raised: RaisedAlert[] = [];
  for (const { kind, subject, where } of subjects) {
    const failures = await db().auditEvent.count({
      where: { ...failed, ...where, at: { gte: since } },
    });
    if (failures < policy.threshold) continue;
    raised.push(
      await raiseAlert(db(), {
        kind: REPEATED_FAILURES_ALERT,
        severity: "HIGH",
        title: `Repeated API failures from ${kind === "client" ? "client" : "address"} ${subject}`,
        subject,
        details: {
          subjectType: kind,
          failures,
          windowSeconds: policy.windowSeconds,
          lastAction: event.action,
          lastRoute: event.targetId,
          lastRequestId: requestId,
        },
      }),
    );
  }
  return raised;
}
