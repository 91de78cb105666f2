import type { Metadata } from "next";
import Link from "next/link";
import { EntitlementSummary } from "@/components/licensing/entitlement-summary";
import { addDays, dateInputValue, formatDate, licenseLabel } from "@/components/ui/format";
import { LicenseStatusBadge } from "@/components/licensing/license-status-badge";
import { Pager } from "@/components/ui/pager";
import { Button } from "@/components/ui/button";
import { IgnoredFilters } from "@/components/ui/ignored-filters";
import { PageHeader } from "@/components/ui/page";
import { ReadOnlyNote } from "@/components/ui/read-only-note";
import { SearchBox } from "@/components/ui/search-box";
import { Table } from "@/components/ui/table";
import type { StaffActor } from "@/lib/authz/actor";
import { AppError } from "@/lib/errors/app-error";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { firstParam, type SearchParams } from "@/lib/identity/requested-path";
import { getCustomer } from "@/lib/licensing/get-customer";
import type { LicenseView } from "@/lib/licensing/license-view";
import { listLicenses } from "@/lib/licensing/list-licenses";
import type { ListLicensesInput } from "@/lib/licensing/list-licenses.schema";
import { listProducts } from "@/lib/releases/list-products";
import type { CustomerOption } from "./customer-picker";
import type { ProductOption } from "./entitlement-form";
import {
  EXPIRING_MAX_DAYS,
  readLicenseFilters,
  SEARCH_MAX,
} from "@/lib/licensing/read-license-filters";
import { NewLicenseButton } from "./new-license-button";

export const metadata: Metadata = { title: "Licenses" };

const control =
  "mt-1 block rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600";

async function loadPage(actor: StaffActor, input: ListLicensesInput) {
  try {
    return { ...(await listLicenses({ actor, input })), problem: null };
  } catch (error) {
    // An outdated cursor: the same filters, from the first page.
    if (!(error instanceof AppError) || error.code !== "validation_failed") throw error;
    return {
      ...(await listLicenses({ actor, input: { ...input, cursor: undefined } })),
      problem: "The page link was not valid; showing the first page.",
    };
  }
}

// The customer a "New license" link from a customer's page preselects; unknown ids are ignored.
async function preselectedCustomer(
  actor: StaffActor,
  customerId: string | undefined,
): Promise<CustomerOption | null> {
  if (!customerId || !actor.permissions.has("customers:read")) return null;
  try {
    const { customer } = await getCustomer({ actor, input: { customerId } });
    return { id: customer.id, slug: customer.slug, name: customer.name };
  } catch (error) {
    if (error instanceof AppError && error.status < 500) return null;
    throw error;
  }
}

function expiryNote(license: LicenseView, now: Date): string {
  const days = Math.round((license.expiresAt.getTime() - now.getTime()) / 86_400_000);
  if (days > 0) return `in ${days} day${days === 1 ? "" : "s"}`;
  if (days < 0) return `${-days} day${days === -1 ? "" : "s"} ago`;
  return "today";
}

export default async function LicensesPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireStaffPage("licenses:read");
  const query = await searchParams;
  const products: ProductOption[] | null = actor.permissions.has("products:read")
    ? (await listProducts({ actor })).map(({ id, slug, name, channels }) => ({
        id,
        slug,
        name,
        channels,
      }))
    : null;
  const filters = readLicenseFilters(
    {
      status: firstParam(query.status),
      product: firstParam(query.product),
      expiring: firstParam(query.expiring),
      q: firstParam(query.q),
      cursor: firstParam(query.cursor),
    },
    products,
  );
  const page = await loadPage(actor, filters.input);
  const problems = [...filters.problems, ...(page.problem ? [page.problem] : [])];
  const filtered = Object.keys(filters.params).length > 0;
  const canWrite = actor.permissions.has("licenses:write");
  const canReadCustomers = actor.permissions.has("customers:read");
  const now = new Date();

  return (
    <>
      <PageHeader
        title="Licenses"
        description="Who may receive which products, on which channels and platforms, until when."
        actions={
          canWrite ? (
            <NewLicenseButton
              products={products ?? []}
              initialOpen={firstParam(query.new) === "1"}
              initialCustomer={await preselectedCustomer(actor, firstParam(query.customer))}
              defaultExpiry={dateInputValue(addDays(now, 365))}
            />
          ) : null
        }
      />
      <ReadOnlyNote actor={actor} anyOf={["licenses:write"]} />
      <IgnoredFilters problems={problems} />
      <form
        method="get"
        aria-label="Filter licenses"
        className="mb-4 flex flex-wrap items-end gap-3"
      >
        <SearchBox
          value={filters.params.q}
          maxLength={SEARCH_MAX}
          placeholder="Customer, key, last key group, id"
        />
        <label className="text-sm">
          <span className="block font-medium text-slate-700">Status</span>
          <select name="status" defaultValue={filters.params.status ?? ""} className={control}>
            <option value="">Any</option>
            <option value="active">Active</option>
            <option value="suspended">Suspended</option>
            <option value="revoked">Revoked</option>
          </select>
        </label>
        {products ? (
          <label className="text-sm">
            <span className="block font-medium text-slate-700">Product</span>
            <select name="product" defaultValue={filters.params.product ?? ""} className={control}>
              <option value="">Any</option>
              {products.map((p) => (
                <option key={p.id} value={p.slug}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="text-sm">
          <span className="block font-medium text-slate-700">Expiring within (days)</span>
          <input
            type="number"
            name="expiring"
            min={0}
            max={EXPIRING_MAX_DAYS}
            defaultValue={filters.params.expiring}
            placeholder="Any time"
            className={`${control} w-40`}
          />
        </label>
        <Button type="submit" variant="secondary">
          Apply
        </Button>
        {filtered ? (
          <Link href="/admin/licenses" className="py-2 text-sm text-brand-700 hover:underline">
            Clear filters
          </Link>
        ) : null}
      </form>
      <Table
        caption="Licenses"
        rows={page.items}
        rowKey={(l) => l.id}
        empty={filtered ? "No license matches these filters." : "No licenses yet."}
        columns={[
          {
            header: "License",
            cell: (l) => (
              <div>
                <Link
                  href={`/admin/licenses/${l.id}`}
                  className="font-mono font-medium text-brand-700 hover:underline"
                >
                  {licenseLabel(l.keyHint)}
                </Link>
                <div className="text-xs text-slate-500">Created {formatDate(l.createdAt)}</div>
              </div>
            ),
          },
          {
            header: "Customer",
            cell: (l) =>
              canReadCustomers ? (
                <Link href={`/admin/customers/${l.customer.id}`} className="hover:underline">
                  {l.customer.name}
                </Link>
              ) : (
                l.customer.name
              ),
          },
          { header: "Products", cell: (l) => <EntitlementSummary entitlements={l.entitlements} /> },
          {
            header: "Status",
            cell: (l) => <LicenseStatusBadge status={l.effectiveStatus} />,
          },
          {
            header: "Expires",
            cell: (l) => (
              <div className="whitespace-nowrap">
                {formatDate(l.expiresAt)}
                <div className="text-xs text-slate-500">{expiryNote(l, now)}</div>
              </div>
            ),
          },
          {
            header: "Machines",
            className: "text-right",
            cell: (l) => `${l.machineCount} / ${l.maxMachines ?? "∞"}`,
          },
        ]}
      />
      <Pager
        path="/admin/licenses"
        params={filters.params}
        nextCursor={page.nextCursor}
        onLaterPage={Boolean(filters.input.cursor)}
      />
    </>
  );
}
