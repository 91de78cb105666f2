// Approvers (approvals:decide) see every request; anyone else sees their own.
import { db } from "@/lib/db/client";
import {
  listApprovalRequestsSchema,
  type ListApprovalRequestsInput,
} from "./list-approval-requests.schema";
import { parseInput, type Operation } from "./operation";

export interface ApprovalRequestView {
  id: string;
  action: string;
  permission: string;
  payload: unknown;
  status: "PENDING" | "APPROVED" | "REJECTED" | "EXPIRED";
  requestedById: string;
  decidedById: string | null;
  decidedAt: Date | null;
  createdAt: Date;
  expiresAt: Date;
}

export async function listApprovalRequests({
  actor,
  input,
}: Operation<ListApprovalRequestsInput>): Promise<ApprovalRequestView[]> {
  const { status } = parseInput(listApprovalRequestsSchema, input);
  const mine = actor.permissions.has("approvals:decide") ? {} : { requestedById: actor.userId };
  // Expiry is a matter of time, not of a job having run: "EXPIRED" also means pending and past
  // its expiry.
  const now = new Date();
  const byStatus =
    status === "EXPIRED"
      ? { OR: [{ status }, { status: "PENDING" as const, expiresAt: { lte: now } }] }
      : status === "PENDING"
        ? { status, expiresAt: { gt: now } }
        : status
          ? { status }
          : {};
  const rows = await db().approvalRequest.findMany({
    where: { ...mine, ...byStatus },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  return rows.map((r) => ({
    ...r,
    status: r.status === "PENDING" && r.expiresAt <= now ? "EXPIRED" : r.status,
  }));
}
