// Records a four-eyes request and its audit event in the caller's transaction. The caller has
// already had the policy judge the change for the requester.
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit, type AuditRequestInfo } from "@/lib/audit/record-audit";
import type { Tx } from "@/lib/db/client";
import type { StaffActor } from "./actor";
import type { ApprovableAction } from "./approval-actions";
import { APPROVAL_TTL_MS } from "./four-eyes";

export async function createApprovalRequest(
  tx: Tx,
  args: {
    actor: StaffActor;
    request?: AuditRequestInfo;
    action: string;
    definition: ApprovableAction;
    payload: Prisma.InputJsonObject;
    summary: string;
  },
): Promise<{ id: string; expiresAt: Date }> {
  const { actor, request, action, definition, payload, summary } = args;
  const row = await tx.approvalRequest.create({
    data: {
      action,
      permission: definition.permission,
      payload,
      requestedById: actor.userId,
      expiresAt: new Date(Date.now() + APPROVAL_TTL_MS),
    },
    select: { id: true, expiresAt: true },
  });
  await recordAudit(tx, {
    action: "approvals.requested",
    actor,
    request,
    target: { type: "approval_request", id: row.id },
    before: null,
    after: {
      action,
      permission: definition.permission,
      payload,
      status: "PENDING",
      expiresAt: row.expiresAt,
    },
    metadata: { summary },
  });
  return row;
}
