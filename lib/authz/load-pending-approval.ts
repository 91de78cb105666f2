// The approval request an approver is deciding: it must exist, still be pending and not have
// expired.
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

export async function loadPendingApproval(tx: Tx, requestId: string) {
  const row = await tx.approvalRequest.findUnique({ where: { id: requestId } });
  if (!row) throw new AppError("not_found", "The approval request does not exist.");
  if (row.status !== "PENDING")
    throw new AppError("conflict", `The request has already been ${row.status.toLowerCase()}.`);
  if (row.expiresAt.getTime() <= Date.now())
    throw new AppError("gone", "The request has expired; ask again.");
  return row;
}
