// Manual rollout control by staff (rollouts:manage, step-up on the action): pause (the cohort
// stops growing), resume (from paused or halted), abort (the release is offered to no one new;
// pair it with an approved rollback to take machines back), and advance to the next phase. A
// phase that needs four eyes is not entered by the first person: their advance files an approval
// request (lib/authz approvals, action "rollouts.advance"), and the approver's decision advances.
import type { StaffActor } from "@/lib/authz/actor";
import type { AuditAction } from "@/lib/audit/actions";
import type { AuditRequestInfo } from "@/lib/audit/record-audit";
import { authorize } from "@/lib/authz/authorize";
import { parseInput, type Operation } from "@/lib/authz/operation";
import { approvableAction } from "@/lib/authz/approval-actions";
import { createApprovalRequest } from "@/lib/authz/create-approval-request";
import { requiresApproval } from "@/lib/authz/four-eyes";
import { db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { RolloutStatus } from "@/lib/generated/prisma/client";
import { lockRollout, type LockedRollout } from "./lock-rollout";
import { rolloutControlSchema, type RolloutControlInput } from "./rollout-control.schema";
import { transitionRollout } from "./transition-rollout";

export type RolloutView = Pick<
  LockedRollout,
  "id" | "status" | "currentPhase" | "haltReason" | "pendingApprovalId"
>;

const view = (r: LockedRollout): RolloutView => ({
  id: r.id,
  status: r.status,
  currentPhase: r.currentPhase,
  haltReason: r.haltReason,
  pendingApprovalId: r.pendingApprovalId,
});

function refuseUnless(rollout: LockedRollout, allowed: readonly RolloutStatus[], verb: string) {
  if (!allowed.includes(rollout.status))
    throw new AppError("conflict", `A ${rollout.status.toLowerCase()} rollout cannot be ${verb}.`);
}

async function simpleChange(
  { actor, input, request }: Operation<RolloutControlInput>,
  allowed: readonly RolloutStatus[],
  verb: string,
  status: RolloutStatus,
  action: AuditAction,
): Promise<RolloutView> {
  authorize(actor, "rollouts:manage");
  const { rolloutId } = parseInput(rolloutControlSchema, input);
  return db().$transaction(async (tx) => {
    const rollout = await lockRollout(tx, rolloutId);
    refuseUnless(rollout, allowed, verb);
    return view(
      await transitionRollout(
        tx,
        rollout,
        { status, haltReason: status === "ACTIVE" ? null : rollout.haltReason },
        { action, actor, request },
      ),
    );
  });
}

export const pauseRollout = (op: Operation<RolloutControlInput>) =>
  simpleChange(op, ["ACTIVE"], "paused", "PAUSED", "rollout.paused");

export const resumeRollout = (op: Operation<RolloutControlInput>) =>
  simpleChange(op, ["PAUSED", "HALTED"], "resumed", "ACTIVE", "rollout.resumed");

export const abortRollout = (op: Operation<RolloutControlInput>) =>
  simpleChange(op, ["ACTIVE", "PAUSED", "HALTED"], "aborted", "ABORTED", "rollout.aborted");

// The advance itself, for the manual path and for an approver's decision.
export async function advanceRolloutInTx(
  tx: Tx,
  args: {
    actor: StaffActor;
    request?: AuditRequestInfo;
    rolloutId: string;
    toPhase: number;
    approval?: { id: string; requestedById: string };
  },
): Promise<LockedRollout> {
  const rollout = await lockRollout(tx, args.rolloutId);
  refuseUnless(rollout, ["ACTIVE", "PAUSED"], "advanced");
  if (args.toPhase !== rollout.currentPhase + 1 || args.toPhase >= rollout.phases.length)
    throw new AppError("conflict", "The rollout is no longer at the phase this advance was for.");
  return transitionRollout(
    tx,
    rollout,
    { currentPhase: args.toPhase, status: "ACTIVE", pendingApprovalId: null },
    {
      action: "rollout.phase_advanced",
      actor: args.actor,
      request: args.request,
      approval: args.approval,
    },
  );
}

export type AdvanceResult =
  | { status: "advanced"; rollout: RolloutView }
  | { status: "completed"; rollout: RolloutView }
  | { status: "pending_approval"; approvalId: string };

export async function advanceRollout({
  actor,
  input,
  request,
}: Operation<RolloutControlInput>): Promise<AdvanceResult> {
  authorize(actor, "rollouts:manage");
  const { rolloutId } = parseInput(rolloutControlSchema, input);
  return db().$transaction(async (tx): Promise<AdvanceResult> => {
    const rollout = await lockRollout(tx, rolloutId);
    refuseUnless(rollout, ["ACTIVE", "PAUSED"], "advanced");
    const toPhase = rollout.currentPhase + 1;
    // Past the last phase: the release goes to everyone.
    if (toPhase >= rollout.phases.length) {
      const done = await transitionRollout(
        tx,
        rollout,
        { status: "COMPLETED" },
        { action: "rollout.completed", actor, request },
      );
      return { status: "completed", rollout: view(done) };
    }
    const needsApproval =
      rollout.phases[toPhase]?.requiresApproval === true || requiresApproval("rollouts:manage");
    if (!needsApproval)
      return {
        status: "advanced",
        rollout: view(await advanceRolloutInTx(tx, { actor, request, rolloutId, toPhase })),
      };
    // A request that was rejected or ran out no longer holds the phase.
    const waiting = rollout.pendingApprovalId
      ? await tx.approvalRequest.findFirst({
          where: {
            id: rollout.pendingApprovalId,
            status: "PENDING",
            expiresAt: { gt: new Date() },
          },
          select: { id: true },
        })
      : null;
    if (waiting) throw new AppError("conflict", "This phase already waits for an approval.");
    const definition = approvableAction("rollouts.advance");
    if (!definition) throw new Error("rollouts.advance is not an approvable action");
    const approval = await createApprovalRequest(tx, {
      actor,
      request,
      action: "rollouts.advance",
      definition,
      payload: { rolloutId, toPhase },
      summary: `advance the rollout of ${rollout.release.product.slug} ${rollout.release.version} to phase ${toPhase + 1}`,
    });
    await tx.rollout.update({
      where: { id: rollout.id },
      data: { pendingApprovalId: approval.id },
    });
    return { status: "pending_approval", approvalId: approval.id };
  });
}
