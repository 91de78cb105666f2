import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card, Notice, PageHeader } from "@/components/ui/page";
import { Table } from "@/components/ui/table";
import { requireCustomerPage } from "@/lib/identity/page-guards";
import { loadCustomerOverview } from "@/lib/portal/load-customer-overview";

export const metadata: Metadata = { title: "Your licenses" };

const REASONS: Record<string, string> = {
  license_expired: "expired",
  license_suspended: "suspended",
  license_revoked: "revoked",
  channel_not_entitled: "no channel",
  product_not_entitled: "no product",
};

export default async function CustomerHome() {
  const actor = await requireCustomerPage();
  const overview = await loadCustomerOverview(actor);
  return (
    <>
      <PageHeader
        title="Your licenses"
        description={`${overview.customerName} · signed in as ${actor.email}`}
      />
      <div className="space-y-6">
        <Table
          caption="Licenses"
          rows={overview.licenses}
          rowKey={(l) => l.id}
          empty="Your organisation has no licenses."
          columns={[
            { header: "License", cell: (l) => <span className="font-mono">…{l.keyHint}</span> },
            {
              header: "Products",
              cell: (l) => l.products.map((p) => `${p.name} (${p.channels.join(", ")})`).join("; "),
            },
            { header: "Expires", cell: (l) => l.expiresAt.toISOString().slice(0, 10) },
            {
              header: "Status",
              cell: (l) =>
                l.access.ok ? (
                  <Badge tone="green">active</Badge>
                ) : (
                  <Badge tone="red">{REASONS[l.access.reason] ?? l.access.reason}</Badge>
                ),
            },
          ]}
        />
        <Card title="Downloads">
          {overview.downloads.length === 0 ? (
            <Notice title="No downloads available">
              Your licenses do not currently grant access to any release. Contact your vendor to
              renew.
            </Notice>
          ) : (
            <Table
              caption="Downloads"
              rows={overview.downloads}
              rowKey={(d) => `${d.product}-${d.channel}-${d.platform}-${d.arch}`}
              columns={[
                { header: "Product", cell: (d) => d.product },
                { header: "Version", cell: (d) => `${d.version} (${d.channel})` },
                { header: "Platform", cell: (d) => `${d.platform}/${d.arch}` },
                {
                  header: "SHA-256",
                  cell: (d) => <span className="font-mono text-xs break-all">{d.sha256}</span>,
                },
                {
                  header: "",
                  cell: (d) => (
                    <a
                      href={d.url}
                      className="text-brand-700 hover:underline"
                      download={d.fileName}
                    >
                      Download {d.fileName}
                    </a>
                  ),
                },
              ]}
            />
          )}
        </Card>
      </div>
    </>
  );
}
