import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors/app-error";
import { enforce, runAdminChange } from "./admin-change";
import { rejectRequestSchema, type RejectRequestInput } from "./decide-approval.schema";
import { loadPendingApproval } from "./load-pending-approval";
import type { Operation } from "./operation";
import { isPermission } from "./permissions";
import { canDecideApproval } from "./policy";

export async function rejectRequest({
  actor,
  input,
  request,
}: Operation<RejectRequestInput>): Promise<{ id: string; status: "REJECTED" }> {
  const { requestId, reason } = rejectRequestSchema.parse(input);
  const ctx = {
    actor,
    request,
    operation: "approvals.reject",
    target: { type: "approval_request", id: requestId },
  };
  return runAdminChange(ctx, async ({ tx, policyActor }) => {
    const pending = await loadPendingApproval(tx, requestId);
    if (!isPermission(pending.permission))
      throw new AppError("conflict", "This request names an unknown permission.");
    enforce(
      canDecideApproval(policyActor, {
        requestedById: pending.requestedById,
        permission: pending.permission,
        decision: "reject",
      }),
    );
    await tx.approvalRequest.update({
      where: { id: pending.id },
      data: { status: "REJECTED", decidedById: actor.userId, decidedAt: new Date() },
    });
    await recordAudit(tx, {
      action: "approvals.rejected",
      actor,
      request,
      reason,
      target: { type: "approval_request", id: pending.id },
      before: { status: "PENDING" },
      after: { status: "REJECTED" },
      metadata: {
        action: pending.action,
        permission: pending.permission,
        payload: pending.payload,
        requestedById: pending.requestedById,
      },
    });
    return { id: pending.id, status: "REJECTED" };
  });
}
