// Runs the alert rules for an event just written, in the writer's transaction (so an alert about
// an event that rolled back is rolled back with it). An alert already active for the subject
// folds the event in without counting; otherwise the subject's matching events within the
// window are counted (the trail is the counter: indexes on ip/actorId/target and at) and the
// threshold raises the alert.
import type { Db, Tx } from "@/lib/db/client";
import { alertRules, mayTriggerAlert, type WrittenEvent } from "./alert-rules";
import { foldIntoActive, raiseAlert, type RaisedAlert } from "./raise-alert";

async function evaluate(tx: Db | Tx, event: WrittenEvent): Promise<RaisedAlert[]> {
  const raised: RaisedAlert[] = [];
  // Every rule is about refusals and failures; a success never counts.
  if (event.result === "SUCCESS") return raised;
  for (const rule of alertRules()) {
    if (!rule.actions.includes(event.action)) continue;
    if (rule.matches && !rule.matches(event)) continue;
    const { threshold, windowSeconds } = rule.limits();
    for (const subject of rule.subjects(event)) {
      const alert = {
        kind: rule.kind,
        severity: rule.severity,
        title: rule.title(subject),
        subject: subject.subject,
      };
      const details = {
        subjectType: subject.type,
        threshold,
        windowSeconds,
        lastAction: event.action,
        lastRoute: event.targetId,
        lastRequestId: event.requestId,
        lastEventId: event.id,
      };
      const folded = await foldIntoActive(tx, { ...alert, details });
      if (folded) {
        raised.push(folded);
        continue;
      }
      const count = await tx.auditEvent.count({
        where: {
          action: { in: [...rule.actions] },
          result: { in: ["FAILURE", "DENIED"] },
          ...rule.where,
          ...subject.where,
          at: { gte: new Date(Date.now() - windowSeconds * 1000) },
        },
      });
      if (count < threshold) continue;
      raised.push(await raiseAlert(tx, { ...alert, details: { ...details, failures: count } }));
    }
  }
  return raised;
}

export async function evaluateAlertRules(
  client: Db | Tx,
  event: WrittenEvent,
): Promise<RaisedAlert[]> {
  if (!mayTriggerAlert(event.action)) return [];
  // Outside a transaction the reads need none; raiseAlert opens its own when it writes.
  return evaluate(client, event);
}
