import type { Metadata } from "next";
import Link from "next/link";
import { licenseLabel } from "@/components/ui/format";
import { formatDateTime } from "@/components/ui/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { IgnoredFilters } from "@/components/ui/ignored-filters";
import { PageHeader, When } from "@/components/ui/page";
import { ReadOnlyNote } from "@/components/ui/read-only-note";
import { Pager } from "@/components/ui/pager";
import { SearchBox } from "@/components/ui/search-box";
import { NameAndId } from "@/components/ui/name-and-id";
import { Table } from "@/components/ui/table";
import type { StaffActor } from "@/lib/authz/actor";
import { AppError } from "@/lib/errors/app-error";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { AuditHistoryLink } from "../audit/history-link";
import { firstParam, type SearchParams } from "@/lib/identity/requested-path";
import { getLicense } from "@/lib/licensing/get-license";
import { pageOf } from "@/lib/pages/page-of";
import type { ApiClientView } from "@/lib/oauth/api-client-view";
import {
  AGENT_CLIENT_SCOPES,
  PIPELINE_CLIENT_SCOPES,
  PIPELINE_DEFAULT_SCOPES,
} from "@/lib/oauth/client-scopes";
import { listApiClients } from "@/lib/oauth/list-api-clients";
import { readApiClientFilters } from "@/lib/oauth/read-api-client-filters";
import { RevokeClientButton, RotateSecretButton } from "./client-actions";
import { listClientLicenses, type ClientLicense } from "@/lib/licensing/list-client-licenses";
import type { LicenseOption } from "./license-picker";
import { NewApiClientButton } from "./new-api-client-button";

export const metadata: Metadata = { title: "API clients" };

const control =
  "mt-1 block rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600";

// The license a "New agent client" link from a license's page preselects; unknown ids are ignored.
async function preselectedLicense(
  actor: StaffActor,
  licenseId: string | undefined,
): Promise<LicenseOption | null> {
  if (!licenseId || !actor.permissions.has("licenses:read")) return null;
  try {
    const license = await getLicense({ actor, input: { licenseId } });
    return {
      id: license.id,
      keyHint: license.keyHint,
      customerName: license.customer.name,
      products: license.entitlements.map((e) => e.productName),
      effectiveStatus: license.effectiveStatus,
    };
  } catch (error) {
    if (error instanceof AppError && error.status < 500) return null;
    throw error;
  }
}

function BoundTo({ client, license }: { client: ApiClientView; license?: ClientLicense }) {
  if (client.kind === "PIPELINE") return <span className="text-slate-600">Build pipeline</span>;
  if (!client.licenseId) return <span className="text-slate-500">—</span>;
  if (!license) return <span className="font-mono text-xs">{client.licenseId}</span>;
  return (
    <div>
      <div>{license.customer.name}</div>
      <Link
        href={`/admin/licenses/${license.id}`}
        className="font-mono text-xs text-brand-700 hover:underline"
      >
        {licenseLabel(license.keyHint)}
      </Link>
    </div>
  );
}

function Secrets({ client }: { client: ApiClientView }) {
  const live = client.secrets.filter((s) => s.live);
  if (live.length === 0) return <span className="text-slate-500">None working</span>;
  return (
    <ul className="space-y-0.5 text-xs whitespace-nowrap">
      {live.map((s) => (
        <li key={s.id}>
          <span className="font-mono">{s.hint}</span>{" "}
          <span className="text-slate-500">
            {s.expiresAt ? `until ${formatDateTime(s.expiresAt)}` : "current"}
          </span>
        </li>
      ))}
    </ul>
  );
}

export default async function ApiClientsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireStaffPage("api_clients:read");
  const query = await searchParams;
  const filters = readApiClientFilters({
    kind: firstParam(query.kind),
    status: firstParam(query.status),
    q: firstParam(query.q),
  });
  const { kind, status, search, problems } = filters;
  const all = await listApiClients({ actor, input: { kind, status, take: 500 } });
  const page = pageOf(all.filter(filters.matches), firstParam(query.cursor));
  const clients = page.items;
  const licenses = await listClientLicenses({
    actor,
    input: { licenseIds: clients.flatMap((c) => (c.licenseId ? [c.licenseId] : [])) },
  });
  const canWrite = actor.permissions.has("api_clients:write");

  return (
    <>
      <PageHeader
        title="API clients"
        description="Update agents (one license each) and build pipelines that call the API with OAuth2 client credentials."
        actions={
          canWrite ? (
            <NewApiClientButton
              scopes={{ AGENT: AGENT_CLIENT_SCOPES, PIPELINE: PIPELINE_CLIENT_SCOPES }}
              ticked={{ AGENT: AGENT_CLIENT_SCOPES, PIPELINE: PIPELINE_DEFAULT_SCOPES }}
              initialOpen={firstParam(query.new) === "agent"}
              initialLicense={await preselectedLicense(actor, firstParam(query.license))}
            />
          ) : null
        }
      />
      <ReadOnlyNote actor={actor} anyOf={["api_clients:write"]} />
      <IgnoredFilters problems={problems} />
      <form
        method="get"
        aria-label="Filter API clients"
        className="mb-4 flex flex-wrap items-end gap-3"
      >
        <label className="text-sm">
          <span className="block font-medium text-slate-700">Kind</span>
          <select name="kind" defaultValue={filters.params.kind} className={control}>
            <option value="">Any</option>
            <option value="agent">Update agents</option>
            <option value="pipeline">Build pipelines</option>
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium text-slate-700">Status</span>
          <select name="status" defaultValue={filters.params.status} className={control}>
            <option value="">Any</option>
            <option value="active">Active</option>
            <option value="revoked">Revoked</option>
          </select>
        </label>
        <SearchBox value={search} placeholder="Name or client id" />
        <Button type="submit" variant="secondary">
          Apply
        </Button>
      </form>
      <Table
        caption="API clients"
        rows={clients}
        rowKey={(c) => c.id}
        empty="No API clients."
        columns={[
          {
            header: "Client",
            cell: (c) => <NameAndId name={c.name} id={c.clientId} />,
          },
          {
            header: "Kind",
            cell: (c) => (
              <div className="flex flex-col items-start gap-1">
                {c.kind === "AGENT" ? <Badge tone="blue">Agent</Badge> : <Badge>Pipeline</Badge>}
                {c.status === "ACTIVE" ? (
                  <Badge tone="green">Active</Badge>
                ) : (
                  <Badge tone="red">Revoked</Badge>
                )}
              </div>
            ),
          },
          {
            header: "For",
            cell: (c) => (
              <BoundTo client={c} license={c.licenseId ? licenses.get(c.licenseId) : undefined} />
            ),
          },
          {
            header: "Scopes",
            cell: (c) => (
              <div className="flex max-w-xs flex-wrap gap-1">
                {c.scopes.map((s) => (
                  <span
                    key={s}
                    className={`font-mono text-xs ${c.effectiveScopes.includes(s) ? "" : "text-slate-400 line-through"}`}
                    title={c.effectiveScopes.includes(s) ? undefined : "Not in effect"}
                  >
                    {s}
                  </span>
                ))}
              </div>
            ),
          },
          { header: "Secrets", cell: (c) => <Secrets client={c} /> },
          {
            header: "Last used",
            cell: (c) => <When at={c.lastUsedAt} />,
          },
          {
            header: "History",
            cell: (c) => (
              <AuditHistoryLink
                actor={actor}
                targetType="api_client"
                targetId={c.id}
                actorId={c.id}
                label="History"
              />
            ),
          },
          ...(canWrite
            ? [
                {
                  header: "Actions",
                  className: "text-right",
                  cell: (c: ApiClientView) =>
                    c.status === "ACTIVE" ? (
                      <div className="flex flex-col items-end gap-2 whitespace-nowrap">
                        <RotateSecretButton id={c.id} name={c.name} />
                        <RevokeClientButton id={c.id} name={c.name} />
                      </div>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <Pager
        path="/admin/api-clients"
        params={{
          kind: filters.params.kind || undefined,
          status: filters.params.status || undefined,
          q: search,
        }}
        nextCursor={page.nextCursor}
        onLaterPage={page.onLaterPage}
      />
    </>
  );
}
