import type { Metadata } from "next";
import { formatDateTime } from "@/components/ui/format";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page";
import { Table } from "@/components/ui/table";
import { listApprovalRequests, type ApprovalRequestView } from "@/lib/authz/list-approval-requests";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { DecisionButtons } from "./decision-buttons";

export const metadata: Metadata = { title: "Approvals" };

const TONES = { PENDING: "amber", APPROVED: "green", REJECTED: "red", EXPIRED: "slate" } as const;

// Four-eyes requests: approvers (approvals:decide) see everyone's, anyone else their own.
export default async function ApprovalsPage() {
  const actor = await requireStaffPage();
  const requests = await listApprovalRequests({ actor, input: {} });
  const canDecide = actor.permissions.has("approvals:decide");
  return (
    <>
      <PageHeader
        title="Approvals"
        description="Changes that take effect only when a second person approves them."
      />
      <Table
        caption="Approval requests"
        rows={requests}
        rowKey={(r) => r.id}
        empty="No approval requests."
        columns={[
          {
            header: "Change",
            cell: (r) => (
              <div>
                <span className="font-mono">{r.action}</span>
                <div className="font-mono text-xs text-slate-500">{JSON.stringify(r.payload)}</div>
              </div>
            ),
          },
          { header: "Exercises", cell: (r) => <span className="font-mono">{r.permission}</span> },
          {
            header: "Requested by",
            cell: (r) => <span className="font-mono">{r.requestedById}</span>,
          },
          { header: "Requested", cell: (r) => formatDateTime(r.createdAt) },
          {
            header: "Status",
            cell: (r) => <Badge tone={TONES[r.status]}>{r.status.toLowerCase()}</Badge>,
          },
          ...(canDecide
            ? [
                {
                  header: "Decision",
                  className: "text-right",
                  cell: (r: ApprovalRequestView) =>
                    r.status === "PENDING" && r.requestedById !== actor.userId ? (
                      <DecisionButtons requestId={r.id} />
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
