import type { Metadata } from "next";
import { formatDateTime } from "@/components/ui/format";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page";
import { Table } from "@/components/ui/table";
import { listAlerts } from "@/lib/alerts/list-alerts";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { AlertControls } from "./alert-controls";

export const metadata: Metadata = { title: "Security alerts" };

// Severity and status are words on the badge, not colour alone.
const SEVERITY_TONE = { LOW: "slate", MEDIUM: "amber", HIGH: "red", CRITICAL: "red" } as const;
const STATUS_TONE = { OPEN: "red", ACKNOWLEDGED: "amber", RESOLVED: "green" } as const;

export default async function AlertsPage() {
  const actor = await requireStaffPage("alerts:read");
  const alerts = await listAlerts({ actor });
  const canManage = actor.permissions.has("alerts:manage");
  return (
    <>
      <PageHeader
        title="Security alerts"
        description="Raised by the alert rules as events are written; repeats fold into one alert. Acknowledge when someone is on it, resolve with what was found."
      />
      <Table
        caption="Security alerts"
        rows={alerts}
        rowKey={(a) => a.id}
        empty="No alerts."
        columns={[
          {
            header: "Severity",
            cell: (a) => <Badge tone={SEVERITY_TONE[a.severity]}>{a.severity.toLowerCase()}</Badge>,
          },
          {
            header: "Status",
            cell: (a) => (
              <span data-testid={`alert-status-${a.id}`}>
                <Badge tone={STATUS_TONE[a.status]}>{a.status.toLowerCase()}</Badge>
              </span>
            ),
          },
          {
            header: "Alert",
            cell: (a) => (
              <div>
                <p className="font-medium">{a.title}</p>
                <p className="font-mono text-xs text-slate-500">{a.kind}</p>
              </div>
            ),
          },
          { header: "Count", cell: (a) => a.count },
          {
            header: "Seen",
            cell: (a) => (
              <span className="text-xs whitespace-nowrap">
                {formatDateTime(a.firstSeenAt)} – {formatDateTime(a.lastSeenAt)}
              </span>
            ),
          },
          {
            header: "Handling",
            cell: (a) => (
              <div className="text-xs text-slate-600">
                {a.acknowledgedAt ? (
                  <p>
                    Acknowledged {formatDateTime(a.acknowledgedAt)}: {a.acknowledgedNote}
                  </p>
                ) : null}
                {a.resolvedAt ? (
                  <p>
                    Resolved {formatDateTime(a.resolvedAt)}: {a.resolvedNote}
                  </p>
                ) : null}
                {canManage ? <AlertControls alertId={a.id} status={a.status} /> : null}
              </div>
            ),
          },
        ]}
      />
    </>
  );
}
