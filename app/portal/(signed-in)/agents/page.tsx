import type { Metadata } from "next";
import Link from "next/link";
import { licenseLabel } from "@/components/ui/format";
import { formatDateTime } from "@/components/ui/format";
import { Badge } from "@/components/ui/badge";
import { Notice, PageHeader } from "@/components/ui/page";
import { Table } from "@/components/ui/table";
import { requireCustomerPage } from "@/lib/identity/page-guards";
import { listAgentCredentials } from "@/lib/portal/list-agent-credentials";
import { loadCustomerLicenses } from "@/lib/portal/load-customer-licenses";
import { CreateAgentButton, RevokeAgentButton, RotateAgentButton } from "./agent-controls";

export const metadata: Metadata = { title: "Update agents" };

export default async function AgentsPage() {
  const actor = await requireCustomerPage();
  const [agents, licenses] = await Promise.all([
    listAgentCredentials(actor),
    loadCustomerLicenses(actor),
  ]);
  const isAdmin = actor.membershipRole === "ADMIN";
  return (
    <>
      <PageHeader
        title="Update agents"
        description="Credentials your update agents use to check for and download updates. Each is bound to one license."
        actions={
          isAdmin ? (
            <CreateAgentButton
              licenses={licenses.map((l) => ({
                id: l.id,
                label: `${licenseLabel(l.keyHint)} (${l.entitlements.map((e) => e.product.name).join(", ") || "no products"})`,
              }))}
            />
          ) : null
        }
      />
      <div className="space-y-4">
        {!isAdmin ? (
          <Notice title="Read only">
            Your organisation&apos;s Tollgate administrators create, rotate and revoke agent
            credentials.
          </Notice>
        ) : null}
        <Table
          caption="Update agents"
          rows={agents}
          rowKey={(a) => a.id}
          empty="No update agent yet. Create one and give its credential to the agent (see the reference agent's README)."
          columns={[
            {
              header: "Agent",
              cell: (a) => (
                <div>
                  <div className="font-medium">{a.name}</div>
                  <div className="font-mono text-xs break-all text-slate-500">{a.clientId}</div>
                </div>
              ),
            },
            {
              header: "License",
              className: "hidden md:table-cell",
              cell: (a) =>
                a.licenseId ? (
                  <Link
                    href={`/portal/licenses/${a.licenseId}`}
                    className="font-mono text-xs text-brand-700 hover:underline"
                  >
                    {licenseLabel(a.licenseKeyHint ?? "?????")}
                  </Link>
                ) : (
                  "—"
                ),
            },
            {
              header: "Status",
              cell: (a) =>
                a.status === "ACTIVE" ? <Badge tone="green">active</Badge> : <Badge>revoked</Badge>,
            },
            {
              header: "Secrets",
              className: "hidden md:table-cell",
              cell: (a) => (
                <ul className="space-y-0.5 text-xs">
                  {a.secrets
                    .filter((s) => s.live)
                    .map((s) => (
                      <li key={s.id}>
                        <span className="font-mono">{s.hint}</span>
                        {s.expiresAt ? ` until ${formatDateTime(s.expiresAt)}` : ""}
                      </li>
                    ))}
                </ul>
              ),
            },
            {
              header: "Last used",
              className: "hidden sm:table-cell",
              cell: (a) => (
                <span className="whitespace-nowrap">{formatDateTime(a.lastUsedAt)}</span>
              ),
            },
            {
              header: "Machines",
              cell: (a) => (
                <Link
                  href={`/portal/machines?agent=${a.id}`}
                  className="text-brand-700 hover:underline"
                >
                  {a.machineCount}
                </Link>
              ),
            },
            {
              header: "",
              cell: (a) =>
                isAdmin && a.status === "ACTIVE" ? (
                  <div className="flex flex-wrap gap-2">
                    <RotateAgentButton id={a.id} name={a.name} />
                    <RevokeAgentButton id={a.id} name={a.name} />
                  </div>
                ) : null,
            },
          ]}
        />
      </div>
    </>
  );
}
