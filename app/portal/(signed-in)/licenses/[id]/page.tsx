import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDateTime } from "@/components/ui/format";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/page";
import { Table } from "@/components/ui/table";
import { AppError } from "@/lib/errors/app-error";
import { requireCustomerPage } from "@/lib/identity/page-guards";
import { getPortalLicense } from "@/lib/portal/get-portal-license";
import { Entitlements, LicenseFacts, LicenseName, LicenseNotices } from "../../license-parts";

export const metadata: Metadata = { title: "License" };

type Params = Promise<{ id: string }>;

export default async function PortalLicensePage({ params }: { params: Params }) {
  const actor = await requireCustomerPage();
  const { id } = await params;
  const license = await getPortalLicense(actor, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/portal" className="hover:underline">
          Overview
        </Link>{" "}
        / license
      </nav>
      <PageHeader title="License" description={<LicenseName keyHint={license.keyHint} />} />
      <div className="space-y-6">
        <LicenseNotices licenses={[license]} />
        <Card title="Terms">
          <LicenseFacts license={license} />
        </Card>
        <Card title="Entitlements">
          <div className="text-sm">
            <Entitlements license={license} />
          </div>
        </Card>
        <Card title={`Update agents (${license.machineCount} machines checked in)`}>
          <Table
            caption="Update agents of this license"
            rows={license.agents}
            rowKey={(a) => a.id}
            empty={
              <>
                No update agent uses this license yet.{" "}
                <Link href="/portal/agents" className="text-brand-700 hover:underline">
                  Create one
                </Link>
                .
              </>
            }
            columns={[
              { header: "Agent", cell: (a) => a.name },
              {
                header: "Status",
                cell: (a) =>
                  a.status === "ACTIVE" ? (
                    <Badge tone="green">active</Badge>
                  ) : (
                    <Badge>revoked</Badge>
                  ),
              },
              { header: "Last used", cell: (a) => formatDateTime(a.lastUsedAt) },
            ]}
          />
        </Card>
      </div>
    </>
  );
}
