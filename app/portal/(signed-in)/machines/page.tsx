import type { Metadata } from "next";
import { licenseLabel } from "@/components/ui/format";
import { formatDateTime } from "@/components/ui/format";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page";
import { Table } from "@/components/ui/table";
import { firstParam, type SearchParams } from "@/lib/identity/requested-path";
import { requireCustomerPage } from "@/lib/identity/page-guards";
import { listCustomerMachines } from "@/lib/portal/list-customer-machines";
import { listPortalDownloads } from "@/lib/portal/list-portal-downloads";

export const metadata: Metadata = { title: "Machines" };

const CLIENT_ID = /^cli_[0-9a-f]{32}$/;

export default async function MachinesPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireCustomerPage();
  const agent = firstParam((await searchParams).agent);
  const tracks = await listPortalDownloads(actor);
  const machines = await listCustomerMachines(
    actor,
    tracks,
    agent && CLIENT_ID.test(agent) ? { apiClientId: agent } : {},
  );
  const behind = machines.filter((m) => m.reported.some((r) => r.behind)).length;
  return (
    <>
      <PageHeader
        title="Machines"
        description={`${machines.length} machine${machines.length === 1 ? "" : "s"} checked in${behind ? `, ${behind} behind the latest release` : ""}.`}
      />
      <Table
        caption="Machines"
        rows={machines}
        rowKey={(m) => m.id}
        empty="No machine has checked in yet. Machines appear here once an update agent runs."
        columns={[
          {
            header: "Machine",
            cell: (m) => (
              <div>
                <div className="font-medium">{m.hostname ?? "—"}</div>
                <div className="font-mono text-xs break-all text-slate-500">{m.machineId}</div>
              </div>
            ),
          },
          {
            header: "Running",
            cell: (m) =>
              m.reported.length === 0 ? (
                <span className="text-slate-500">nothing reported</span>
              ) : (
                <ul className="space-y-1">
                  {m.reported.map((r) => (
                    <li key={`${r.product}|${r.channel}|${r.platform ?? ""}|${r.arch ?? ""}`}>
                      {r.product} {r.version}{" "}
                      {r.state === "failed" && r.problem ? (
                        <Badge tone="red">
                          update to {r.problem.version} failed
                          {r.problem.errorCode ? ` (${r.problem.errorCode})` : ""}
                        </Badge>
                      ) : r.state === "rolled_back" && r.problem ? (
                        <Badge tone="red">rolled back from {r.problem.version}</Badge>
                      ) : r.behind ? (
                        <Badge tone="amber">behind: {r.behind} available</Badge>
                      ) : (
                        <Badge tone="green">up to date</Badge>
                      )}
                      {r.state === "not_seen" ? (
                        <Badge tone="slate">not seen for 7 days</Badge>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ),
          },
          {
            header: "Last check-in",
            cell: (m) => <span className="whitespace-nowrap">{formatDateTime(m.lastSeenAt)}</span>,
          },
          { header: "Agent", className: "hidden md:table-cell", cell: (m) => m.agentName ?? "—" },
          {
            header: "License",
            className: "hidden md:table-cell",
            cell: (m) => (
              <span className="font-mono text-xs">{licenseLabel(m.licenseKeyHint)}</span>
            ),
          },
          {
            header: "Address",
            className: "hidden md:table-cell",
            cell: (m) => <span className="font-mono text-xs">{m.lastIp ?? "—"}</span>,
          },
        ]}
      />
    </>
  );
}
