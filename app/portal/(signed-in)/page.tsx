import type { Metadata } from "next";
import Link from "next/link";
import { formatDate } from "@/components/ui/format";
import { LicenseStatusBadge } from "@/components/licensing/license-status-badge";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/page";
import { Table } from "@/components/ui/table";
import { requireCustomerPage } from "@/lib/identity/page-guards";
import { listPortalDownloads } from "@/lib/portal/list-portal-downloads";
import { loadCustomerOverview } from "@/lib/portal/load-customer-overview";
import { Entitlements, LicenseName, LicenseNotices } from "./license-parts";

export const metadata: Metadata = { title: "Your licenses" };

export default async function CustomerHome() {
  const actor = await requireCustomerPage();
  const [overview, tracks] = await Promise.all([
    loadCustomerOverview(actor),
    listPortalDownloads(actor),
  ]);
  const latest = tracks.flatMap((t) =>
    t.latest.length
      ? [{ key: `${t.productId}|${t.channel}`, track: t, version: t.latest[0]?.version ?? "" }]
      : [],
  );
  return (
    <>
      <PageHeader
        title="Your licenses"
        description={`${overview.customerName} · signed in as ${actor.email}`}
      />
      <div className="space-y-6">
        <LicenseNotices licenses={overview.licenses} />
        <Table
          caption="Licenses"
          rows={overview.licenses}
          rowKey={(l) => l.id}
          empty="Your organisation has no licenses yet. Your vendor issues them."
          columns={[
            {
              header: "License",
              cell: (l) => (
                <Link href={`/portal/licenses/${l.id}`} className="text-brand-700 hover:underline">
                  <LicenseName keyHint={l.keyHint} />
                </Link>
              ),
            },
            { header: "Status", cell: (l) => <LicenseStatusBadge status={l.effectiveStatus} /> },
            {
              header: "Expires",
              cell: (l) => <span className="whitespace-nowrap">{formatDate(l.expiresAt)}</span>,
            },
            {
              header: "Maintenance ends",
              cell: (l) => (l.maintenanceEndsAt ? formatDate(l.maintenanceEndsAt) : "At expiry"),
            },
            { header: "Entitlements", cell: (l) => <Entitlements license={l} /> },
          ]}
        />
        <Card
          title="Latest releases"
          actions={
            <Link href="/portal/downloads" className={buttonClass("secondary")}>
              All downloads
            </Link>
          }
        >
          {latest.length === 0 ? (
            <p className="text-sm text-slate-600">
              Your licenses do not give access to any release right now.{" "}
              <Link href="/portal/downloads" className="text-brand-700 hover:underline">
                See why on the Downloads page
              </Link>
              .
            </p>
          ) : (
            <ul className="space-y-1 text-sm">
              {latest.map(({ key, track, version }) => (
                <li key={key}>
                  <span className="font-medium">{track.productName}</span> {version} (
                  {track.channel})
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
