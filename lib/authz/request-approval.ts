// Asks for a four-eyes approval of a change, whether or not the configuration requires one for
// it (anyone may ask for a second pair of eyes). The policy judges the change for the requester
// now, so a request nobody could ever approve is refused at once.
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors/app-error";
import { enforce, runAdminChange } from "./admin-change";
import { approvableAction } from "./approval-actions";
import { createApprovalRequest } from "./create-approval-request";
import type { Operation } from "./operation";
import { requestApprovalSchema, type RequestApprovalInput } from "./request-approval.schema";

export async function requestApproval({
  actor,
  input,
  request,
}: Operation<RequestApprovalInput>): Promise<{ id: string; expiresAt: Date }> {
  const { action, payload } = requestApprovalSchema.parse(input);
  const definition = approvableAction(action);
  if (!definition)
    throw new AppError("validation_failed", "This change cannot be sent for approval.", {
      errors: [{ path: "action", message: "unknown action" }],
    });
  const prepared = definition.prepare(payload);
  const ctx = {
    actor,
    request,
    operation: "approvals.request",
    target: { type: "approval_request", id: null },
    metadata: { action, payload },
  };
  return runAdminChange(ctx, async ({ tx, state, policyActor }) => {
    enforce(prepared.check(policyActor, state));
    return createApprovalRequest(tx, {
      actor,
      request,
      action,
      definition,
      payload: payload as Prisma.InputJsonObject,
      summary: prepared.summary,
    });
  });
}
