import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { ActivityTable } from "@/components/licensing/activity-table";
import { addDays, dateInputValue, licenseLabel } from "@/components/ui/format";
import { LicenseStatusBadge } from "@/components/licensing/license-status-badge";
import { formatDateTime } from "@/components/ui/format";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Detail, DetailList } from "@/components/ui/detail";
import { ReadOnlyNote } from "@/components/ui/read-only-note";
import { Card, Notice, PageHeader, Section, When } from "@/components/ui/page";
import { NameAndId } from "@/components/ui/name-and-id";
import { Table } from "@/components/ui/table";
import type { StaffActor } from "@/lib/authz/actor";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { getLicense } from "@/lib/licensing/get-license";
import { listLicenseHistory } from "@/lib/licensing/list-license-history";
import type { LicenseView } from "@/lib/licensing/license-view";
import type { ApiClientView } from "@/lib/oauth/api-client-view";
import { listApiClients } from "@/lib/oauth/list-api-clients";
import { orNotFound } from "@/lib/pages/or-not-found";
import { listProducts } from "@/lib/releases/list-products";
import type { ProductOption } from "../entitlement-form";
import { EditLicenseButton } from "./edit-license-button";
import { RevealKeyButton, RotateKeyButton } from "./key-buttons";
import { RenewLicenseButton } from "./renew-license-button";
import { ReinstateButton, RevokeButton, SuspendButton } from "./status-buttons";
import { TransferLicenseButton } from "./transfer-license-button";

type Params = Promise<{ id: string }>;

export const metadata: Metadata = { title: "License" };

// What an agent last reported it runs, e.g. { "acme-server": "2.0.0" }.
function versionsText(versions: unknown): string {
  if (!versions || typeof versions !== "object") return "—";
  const entries = Object.entries(versions as Record<string, unknown>).filter(
    ([, v]) => typeof v === "string",
  );
  return entries.length ? entries.map(([k, v]) => `${k} ${String(v)}`).join(", ") : "—";
}

// A year on from the current expiry, or from today if it has already passed.
function suggestedRenewal(expiresAt: Date, now: Date): string {
  return dateInputValue(addDays(expiresAt > now ? expiresAt : now, 365));
}

const EXPIRY_BEHAVIOR = {
  ACCESS_STOPS: "access stops",
  MAINTENANCE: "maintenance ends (keeps releases published before then)",
} as const;

function LicenseActions({
  actor,
  license,
  products,
}: {
  actor: StaffActor;
  license: LicenseView;
  products: ProductOption[];
}) {
  const can = (p: Parameters<typeof actor.permissions.has>[0]) => actor.permissions.has(p);
  const live = license.status !== "REVOKED";
  const buttons: ReactNode[] = [];
  if (live && can("licenses:write")) {
    buttons.push(<EditLicenseButton key="edit" license={license} products={products} />);
    buttons.push(
      <RenewLicenseButton
        key="renew"
        licenseId={license.id}
        expiresAt={license.expiresAt}
        suggested={suggestedRenewal(license.expiresAt, new Date())}
      />,
    );
    buttons.push(
      <TransferLicenseButton
        key="transfer"
        licenseId={license.id}
        entitlements={license.entitlements}
        products={products}
      />,
    );
  }
  if (live && can("licenses:suspend")) {
    buttons.push(
      license.status === "SUSPENDED" ? (
        <ReinstateButton key="reinstate" licenseId={license.id} />
      ) : (
        <SuspendButton key="suspend" licenseId={license.id} />
      ),
    );
  }
  if (live && can("licenses:reveal_key"))
    buttons.push(<RotateKeyButton key="rotate" licenseId={license.id} />);
  if (can("licenses:reveal_key"))
    buttons.push(<RevealKeyButton key="reveal" licenseId={license.id} />);
  if (live && can("licenses:revoke"))
    buttons.push(<RevokeButton key="revoke" licenseId={license.id} />);
  if (buttons.length === 0) return null;
  return (
    <div role="toolbar" aria-label="License actions" className="mb-6 flex flex-wrap gap-2">
      {buttons}
    </div>
  );
}

export default async function LicensePage({ params }: { params: Params }) {
  const actor = await requireStaffPage("licenses:read");
  const { id } = await params;
  const license = await orNotFound(getLicense({ actor, input: { licenseId: id } }));
  const { machines, ...view } = license;
  const canReadClients = actor.permissions.has("api_clients:read");
  const [history, products, agents] = await Promise.all([
    listLicenseHistory({ actor, input: { licenseId: license.id } }),
    actor.permissions.has("products:read") ? listProducts({ actor }) : Promise.resolve([]),
    canReadClients
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
  const canReadCustomers = actor.permissions.has("customers:read");
  const canReadProducts = actor.permissions.has("products:read");

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
        <Card title="Overview">
          <DetailList>
            <Detail label="Status">
              <span data-testid="license-status">
                <LicenseStatusBadge status={license.effectiveStatus} />
              </span>
            </Detail>
            <Detail label="Customer">
              {canReadCustomers ? (
                <Link
                  href={`/admin/customers/${license.customer.id}`}
                  className="text-brand-700 hover:underline"
                >
                  {license.customer.name}
                </Link>
              ) : (
                license.customer.name
              )}
            </Detail>
            <Detail label="Expires">
              <span data-testid="license-expires">{formatDateTime(license.expiresAt)}</span>
              <span className="block text-xs text-slate-500">
                then {EXPIRY_BEHAVIOR[license.expiryBehavior]}
              </span>
            </Detail>
            <Detail label="Machines">
              {license.machineCount} of {license.maxMachines ?? "unlimited"}
            </Detail>
            <Detail label="Key">
              <span className="font-mono" data-testid="license-key-hint">
                {label}
              </span>
              <span className="block text-xs text-slate-500">Only the last group is shown.</span>
            </Detail>
            <Detail label="Created">{formatDateTime(license.createdAt)}</Detail>
            {license.suspendedAt ? (
              <Detail label="Suspended">{formatDateTime(license.suspendedAt)}</Detail>
            ) : null}
            {license.revokedAt ? (
              <Detail label="Revoked">{formatDateTime(license.revokedAt)}</Detail>
            ) : null}
            <Detail label="Notes" wide>
              {license.notes ? <span className="whitespace-pre-wrap">{license.notes}</span> : "—"}
            </Detail>
          </DetailList>
        </Card>

        <Section id="entitlements" title="Entitlements">
          <Table
            caption="Entitlements"
            rows={license.entitlements}
            rowKey={(e) => e.productId}
            empty="No products."
            columns={[
              {
                header: "Product",
                cell: (e) =>
                  canReadProducts ? (
                    <Link
                      href={`/admin/products/${e.productSlug}`}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      {e.productName}
                    </Link>
                  ) : (
                    <span className="font-medium">{e.productName}</span>
                  ),
              },
              {
                header: "Channels",
                cell: (e) => (
                  <div className="flex flex-wrap gap-1">
                    {e.channels.map((c) => (
                      <Badge key={c} tone="blue">
                        {c}
                      </Badge>
                    ))}
                  </div>
                ),
              },
              {
                header: "Platforms",
                cell: (e) =>
                  e.platforms.length === 0 ? (
                    <span className="text-slate-600">All platforms</span>
                  ) : (
                    <div className="flex flex-wrap gap-1">
                      {e.platforms.map((p) => (
                        <Badge key={p}>{p}</Badge>
                      ))}
                    </div>
                  ),
              },
            ]}
          />
        </Section>

        <Section id="machines" title="Machines">
          <Table
            caption="Machines"
            rows={machines}
            rowKey={(m) => m.id}
            empty="No machine has checked in with this license yet."
            columns={[
              {
                header: "Machine",
                cell: (m) => <NameAndId name={m.hostname} id={m.machineId} />,
              },
              { header: "Running", cell: (m) => versionsText(m.versions) },
              {
                header: "Last address",
                cell: (m) => <span className="font-mono text-xs">{m.lastIp ?? "—"}</span>,
              },
              {
                header: "First seen",
                cell: (m) => <When at={m.firstSeenAt} time={false} />,
              },
              {
                header: "Last seen",
                cell: (m) => <When at={m.lastSeenAt} />,
              },
            ]}
          />
        </Section>

        {canReadClients ? (
          <section aria-labelledby="agents-heading" className="space-y-2">
            <div className="flex items-center justify-between">
              <h2 id="agents-heading" className="text-base font-semibold">
                Update agent clients
              </h2>
              {license.status !== "REVOKED" && actor.permissions.has("api_clients:write") ? (
                <Link
                  href={`/admin/api-clients?new=agent&license=${encodeURIComponent(license.id)}`}
                  className={buttonClass("secondary")}
                >
                  New agent client
                </Link>
              ) : null}
            </div>
            <Table
              caption="Update agent clients"
              rows={agents}
              rowKey={(c: ApiClientView) => c.id}
              empty="No API client uses this license."
              columns={[
                {
                  header: "Client",
                  cell: (c) => <NameAndId name={c.name} id={c.clientId} />,
                },
                {
                  header: "Status",
                  cell: (c) =>
                    c.status === "ACTIVE" ? (
                      <Badge tone="green">Active</Badge>
                    ) : (
                      <Badge tone="red">Revoked</Badge>
                    ),
                },
                {
                  header: "Last used",
                  cell: (c) => <When at={c.lastUsedAt} />,
                },
              ]}
            />
          </section>
        ) : null}

        <Section id="history" title="History">
          <ActivityTable caption="License history" rows={history} />
        </Section>
      </div>
    </>
  );
}
