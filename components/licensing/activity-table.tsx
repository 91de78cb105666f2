import type { ReactNode } from "react";
import { formatDateTime } from "@/components/ui/format";
import { Badge } from "@/components/ui/badge";
import { Table } from "@/components/ui/table";
import type { LicenseHistoryEvent } from "@/lib/licensing/list-license-history";

// A license's history row, or a customer's activity row, which also names the target.
export type ActivityRow = LicenseHistoryEvent & {
  targetType?: string | null;
  targetId?: string | null;
};

const RESULT_TONE = { SUCCESS: "green", FAILURE: "amber", DENIED: "red" } as const;

// Audit events about a customer or a license, newest first. Action names are shown as the audit
// trail records them, so what staff read here is what an auditor searches for.
const rawTarget = (r: ActivityRow) => (
  <span className="font-mono text-xs text-slate-600">
    {r.targetType ? `${r.targetType} ${r.targetId ?? ""}` : "—"}
  </span>
);

export function ActivityTable({
  rows,
  caption,
  target,
}: {
  rows: ActivityRow[];
  caption: string;
  // Adds a target column, rendered by this function (e.g. a license by its key hint).
  target?: (row: ActivityRow) => ReactNode;
}) {
  return (
    <Table
      caption={caption}
      rows={rows}
      rowKey={(r) => r.id}
      empty="No recorded activity."
      columns={[
        {
          header: "When",
          cell: (r) => <span className="whitespace-nowrap">{formatDateTime(r.at)}</span>,
        },
        { header: "Action", cell: (r) => <span className="font-mono text-xs">{r.action}</span> },
        { header: "By", cell: (r) => r.actorLabel ?? "—" },
        {
          header: "Result",
          cell: (r) => <Badge tone={RESULT_TONE[r.result]}>{r.result.toLowerCase()}</Badge>,
        },
        ...(target
          ? [{ header: "Target", cell: (r: ActivityRow) => target(r) ?? rawTarget(r) }]
          : []),
        {
          header: "Reason",
          cell: (r) => <span className="text-slate-600">{r.reason ?? ""}</span>,
        },
      ]}
    />
  );
}
