// "Repeated failures from one client or IP raise an alert." The api.repeated_failures rule
// (alert-rules.ts) raises and folds the alert as each refusal is written to the trail; this
// reports, for a refused request, the active alerts of its client and address.
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { API_FAILURE_ACTIONS, REPEATED_FAILURES_ALERT } from "./alert-rules";

export { REPEATED_FAILURES_ALERT };
export const FAILURE_ACTIONS = API_FAILURE_ACTIONS;

export interface FailureAlarmPolicy {
  threshold: number;
  windowSeconds: number;
}

export const DEFAULT_FAILURE_ALARM: FailureAlarmPolicy = {
  get threshold() {
    return env().ALERT_API_FAILURES;
  },
  get windowSeconds() {
    return env().ALERT_WINDOW;
  },
};

export async function alarmOnRepeatedFailures(
  requestId: string,
): Promise<{ id: string; count: number }[]> {
  const event = await db().auditEvent.findFirst({
    where: { requestId, action: { in: [...FAILURE_ACTIONS] } },
    orderBy: { seq: "desc" },
    select: { actorId: true, ip: true },
  });
  const subjects = [event?.actorId, event?.ip].filter((s): s is string => Boolean(s));
  if (!subjects.length) return [];
  return db().alert.findMany({
    where: {
      kind: REPEATED_FAILURES_ALERT,
      subject: { in: subjects },
      status: { in: ["OPEN", "ACKNOWLEDGED"] },
    },
    select: { id: true, count: true },
  });
}
