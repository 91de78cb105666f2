// Approving carries out the stored change. Both people must be allowed to make it: the
// requester (judged again now, against today's state: they may have lost a role since asking)
// and the approver, who is also judged as if making it alone. The change is audited with the
// approver as actor and the request's id; the approval has its own event.
import { recordAudit } from "@/lib/audit/record-audit";
import { isPermission } from "./permissions";
import { AppError } from "@/lib/errors/app-error";
import { enforce, runAdminChange } from "./admin-change";
import { approvableAction } from "./approval-actions";
import { heldPermissions } from "./authz-state";
import { approveRequestSchema, type ApproveRequestInput } from "./decide-approval.schema";
import { loadPendingApproval } from "./load-pending-approval";
import type { Operation } from "./operation";
import { canDecideApproval } from "./policy";

export async function approveRequest({
  actor,
  input,
  request,
}: Operation<ApproveRequestInput>): Promise<{ id: string; status: "APPROVED" }> {
  const { requestId } = approveRequestSchema.parse(input);
  const ctx = {
    actor,
    request,
    operation: "approvals.approve",
    target: { type: "approval_request", id: requestId },
  };
  return runAdminChange(ctx, async ({ tx, state, policyActor }) => {
    const pending = await loadPendingApproval(tx, requestId);
    const definition = approvableAction(pending.action);
    if (!definition || !isPermission(pending.permission))
      throw new AppError(
        "conflict",
        "This request names a change Tollgate can no longer carry out.",
      );
    enforce(
      canDecideApproval(policyActor, {
        requestedById: pending.requestedById,
        permission: pending.permission,
        decision: "approve",
      }),
    );
    const prepared = definition.prepare(pending.payload);
    const requester = {
      userId: pending.requestedById,
      permissions: heldPermissions(state, pending.requestedById),
    };
    const forRequester = prepared.check(requester, state);
    if (!forRequester.allowed)
      enforce({
        ...forRequester,
        reason: `The requester can no longer make this change: ${forRequester.reason}`,
      });
    const forApprover = prepared.check(policyActor, state);
    if (!forApprover.allowed)
      enforce({
        ...forApprover,
        reason: `You could not make this change yourself: ${forApprover.reason}`,
      });
    await prepared.execute({
      tx,
      actor,
      request,
      approval: { id: pending.id, requestedById: pending.requestedById },
    });
    await tx.approvalRequest.update({
      where: { id: pending.id },
      data: { status: "APPROVED", decidedById: actor.userId, decidedAt: new Date() },
    });
    await recordAudit(tx, {
      action: "approvals.approved",
      actor,
      request,
      target: { type: "approval_request", id: pending.id },
      before: { status: "PENDING" },
      after: { status: "APPROVED" },
      metadata: {
        action: pending.action,
        permission: pending.permission,
        payload: pending.payload,
        requestedById: pending.requestedById,
        summary: prepared.summary,
      },
    });
    return { id: pending.id, status: "APPROVED" };
  });
}
