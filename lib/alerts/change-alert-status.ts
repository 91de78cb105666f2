// The alert workflow: OPEN → ACKNOWLEDGED (someone is on it, with a note) → RESOLVED (with a
// note), each step recording who and when, and audited in the same transaction. An alert is
// never deleted (the app role cannot): resolving is how it leaves the queue. A resolved alert
// stays resolved; a new burst of the same kind raises a new alert.
import type { AlertStatus } from "@/lib/generated/prisma/client";
import { actorId, type Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { recordAudit, type AuditRequestInfo } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/authz/operation";
import { changeAlertStatusSchema, type ChangeAlertStatusInput } from "./change-alert-status.schema";

type Step = "acknowledge" | "resolve";

const FROM: Record<Step, AlertStatus[]> = {
  acknowledge: ["OPEN"],
  resolve: ["OPEN", "ACKNOWLEDGED"],
};

export async function changeAlertStatus({
  actor,
  input,
  request,
  step,
}: {
  actor: Actor;
  input: ChangeAlertStatusInput;
  request?: AuditRequestInfo;
  step: Step;
}) {
  authorize(actor, "alerts:manage");
  const { alertId, note } = parseInput(changeAlertStatusSchema, input);
  const who = actorId(actor);
  return db().$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<{ status: AlertStatus }[]>`
      SELECT "status" FROM "Alert" WHERE "id" = ${alertId} FOR UPDATE`;
    if (!before) throw new AppError("not_found", "No such alert.");
    if (!FROM[step].includes(before.status)) {
      throw new AppError("conflict", `The alert is already ${before.status.toLowerCase()}.`, {
        alertStatus: before.status,
      });
    }
    const now = new Date();
    const after = await tx.alert.update({
      where: { id: alertId },
      data:
        step === "acknowledge"
          ? {
              status: "ACKNOWLEDGED",
              acknowledgedById: who,
              acknowledgedAt: now,
              acknowledgedNote: note,
            }
          : { status: "RESOLVED", resolvedById: who, resolvedAt: now, resolvedNote: note },
    });
    await recordAudit(tx, {
      action: step === "acknowledge" ? "alerts.acknowledged" : "alerts.resolved",
      actor,
      request,
      target: { type: "alert", id: alertId },
      before: { status: before.status },
      after: { status: after.status, note },
    });
    return after;
  });
}
