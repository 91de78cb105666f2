import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/ui/format";
import { BarChart } from "@/components/charts";
import { Card, PageHeader } from "@/components/ui/page";
import { Table } from "@/components/ui/table";
import { countActiveAlertsBySeverity, listAlerts } from "@/lib/alerts/list-alerts";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { loadOverview } from "@/lib/overview/load-overview";
import { ActivitySection } from "./activity-section";
import { AlertControls } from "./alerts/alert-controls";

export const metadata: Metadata = { title: "Overview" };

const SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW"] as const;

export default async function AdminHome() {
  const actor = await requireStaffPage();
  const overview = await loadOverview();
  const seesAlerts = actor.permissions.has("alerts:read");
  const [bySeverity, active] = seesAlerts
    ? await Promise.all([
        countActiveAlertsBySeverity(),
        listAlerts({ actor, take: 10 }).then((all) => all.filter((a) => a.status !== "RESOLVED")),
      ])
    : [{}, []];
  return (
    <>
      <PageHeader title="Overview" description={`Signed in as ${actor.email}`} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        {overview.map((item) => (
          <Link
            key={item.label}
            href={item.href}
            className="block rounded-lg focus:ring-2 focus:ring-brand-600 focus:outline-none"
          >
            <Card>
              <p className="text-sm text-slate-500">{item.label}</p>
              <p className="mt-1 text-3xl font-semibold" data-testid={`overview-${item.key}`}>
                {item.value}
              </p>
            </Card>
          </Link>
        ))}
      </div>
      {seesAlerts ? (
        <section className="mt-6" aria-labelledby="active-alerts">
          <h2 id="active-alerts" className="mb-2 text-base font-semibold text-slate-900">
            Active security alerts
          </h2>
          <div className="mb-3 max-w-xl">
            <BarChart
              title="Open alerts by severity"
              description="Open and acknowledged, not yet resolved"
              data={SEVERITIES.map((s) => ({
                severity: s.toLowerCase(),
                alerts: bySeverity[s] ?? 0,
              }))}
              x="severity"
              xLabel="Severity"
              series={[{ key: "alerts", label: "Alerts" }]}
              link={{ href: "/admin/alerts", label: "All alerts" }}
              height={180}
            />
          </div>
          <Table
            caption="Active security alerts"
            rows={active}
            rowKey={(a) => a.id}
            empty="No active alerts."
            columns={[
              { header: "Severity", cell: (a) => a.severity.toLowerCase() },
              { header: "Alert", cell: (a) => a.title },
              { header: "Count", cell: (a) => a.count },
              { header: "Last seen", cell: (a) => formatDateTime(a.lastSeenAt) },
              { header: "Status", cell: (a) => a.status.toLowerCase() },
              {
                header: "Handle",
                cell: (a) =>
                  actor.permissions.has("alerts:manage") ? (
                    <AlertControls alertId={a.id} status={a.status} />
                  ) : null,
              },
            ]}
          />
        </section>
      ) : null}
      <ActivitySection actor={actor} />
    </>
  );
}
