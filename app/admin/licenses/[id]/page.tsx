import type { Metadata } from "next";
import Link from "next/link";
import { ActivityTable } from "@/components/licensing/activity-table";
import { licenseLabel } from "@/components/ui/format";
import { ReadOnlyNote } from "@/components/ui/read-only-note";
import { Notice, PageHeader, Section } from "@/components/ui/page";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { getLicense } from "@/lib/licensing/get-license";
import { listLicenseHistory } from "@/lib/licensing/list-license-history";
import { listApiClients } from "@/lib/oauth/list-api-clients";
import { orNotFound } from "@/lib/pages/or-not-found";
import { listProducts } from "@/lib/releases/list-products";
import type { ProductOption } from "../entitlement-form";
import { AuditHistoryLink } from "../../audit/history-link";
import { AgentClientsSection } from "./agent-clients-section";
import { EntitlementsSection } from "./entitlements-section";
import { LicenseActions } from "./license-actions";
import { MachinesSection } from "./machines-section";
import { LicenseOverview } from "./overview-card";

type Params = Promise<{ id: string }>;

export const metadata: Metadata = { title: "License" };

export default async function LicensePage({ params }: { params: Params }) {
  const actor = await requireStaffPage("licenses:read");
  const { id } = await params;
  const license = await orNotFound(getLicense({ actor, input: { licenseId: id } }));
  const { machines, ...view } = license;
  const can = actor.permissions;
  const [history, products, agents] = await Promise.all([
    listLicenseHistory({ actor, input: { licenseId: license.id } }),
    can.has("products:read") ? listProducts({ actor }) : Promise.resolve([]),
    can.has("api_clients:read")
      ? listApiClients({ actor, input: { licenseId: license.id, kind: "AGENT" } })
      : Promise.resolve([]),
  ]);
  const productOptions: ProductOption[] = products.map(({ id: pid, slug, name, channels }) => ({
    id: pid,
    slug,
    name,
    channels,
  }));
  const label = licenseLabel(license.keyHint);

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/admin/licenses" className="hover:underline">
          Licenses
        </Link>{" "}
        / <span className="font-mono">{label}</span>
      </nav>
      <PageHeader
        title={`License ${label}`}
        description={
          <>
            {license.customer.name} · <span className="font-mono">{license.id}</span>
          </>
        }
      />
      <ReadOnlyNote
        actor={actor}
        anyOf={["licenses:write", "licenses:suspend", "licenses:revoke", "licenses:reveal_key"]}
      />
      <LicenseActions actor={actor} license={view} products={productOptions} />
      <div className="space-y-6">
        {license.status === "REVOKED" ? (
          <Notice tone="error" title="This license is revoked">
            Its key no longer works. A revoked license cannot be reinstated; issue a new license
            instead.
          </Notice>
        ) : null}
        <LicenseOverview license={view} canReadCustomers={can.has("customers:read")} />
        <EntitlementsSection
          entitlements={license.entitlements}
          canReadProducts={can.has("products:read")}
        />
        <MachinesSection machines={machines} />
        {can.has("api_clients:read") ? (
          <AgentClientsSection
            licenseId={license.id}
            agents={agents}
            canCreate={license.status !== "REVOKED" && can.has("api_clients:write")}
          />
        ) : null}
        <Section id="history" title="History">
          <ActivityTable caption="License history" rows={history} />
          <AuditHistoryLink actor={actor} targetType="license" targetId={license.id} />
        </Section>
      </div>
    </>
  );
}
