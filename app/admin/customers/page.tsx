import type { Metadata } from "next";
import Link from "next/link";
import { Pager } from "@/components/ui/pager";

import { Button } from "@/components/ui/button";
import { Notice, PageHeader, When } from "@/components/ui/page";
import { ReadOnlyNote } from "@/components/ui/read-only-note";
import { Table } from "@/components/ui/table";
import type { StaffActor } from "@/lib/authz/actor";
import { AppError } from "@/lib/errors/app-error";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { firstParam, type SearchParams } from "@/lib/identity/requested-path";
import { listCustomers } from "@/lib/licensing/list-customers";
import { NewCustomerButton } from "./new-customer-button";

export const metadata: Metadata = { title: "Customers" };

const SEARCH_MAX = 200;

// A hand-edited or outdated link (a cursor that no longer decodes) shows the first page with a
// note instead of an error page.
async function loadPage(actor: StaffActor, search: string, cursor: string | undefined) {
  try {
    return { ...(await listCustomers({ actor, input: { search, cursor } })), problem: null };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "validation_failed") throw error;
    return {
      ...(await listCustomers({ actor, input: { search } })),
      problem: "The page link was not valid; showing the first page.",
    };
  }
}

export default async function CustomersPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireStaffPage("customers:read");
  const query = await searchParams;
  const search = (firstParam(query.q) ?? "").trim().slice(0, SEARCH_MAX);
  const cursor = firstParam(query.cursor) || undefined;
  const page = await loadPage(actor, search, cursor);
  return (
    <>
      <PageHeader
        title="Customers"
        description="Organisations that hold licenses, their contacts, users and machines."
        actions={actor.permissions.has("customers:write") ? <NewCustomerButton /> : null}
      />
      <ReadOnlyNote actor={actor} anyOf={["customers:write"]} />
      {page.problem ? (
        <div className="mb-4">
          <Notice tone="warning" title="Showing the first page">
            {page.problem}
          </Notice>
        </div>
      ) : null}
      <form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="block font-medium text-slate-700">Search customers</span>
          <input
            type="search"
            name="q"
            defaultValue={search}
            maxLength={SEARCH_MAX}
            placeholder="Name or slug"
            className="mt-1 block w-72 rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600"
          />
        </label>
        <Button type="submit" variant="secondary">
          Search
        </Button>
        {search ? (
          <Link href="/admin/customers" className="py-2 text-sm text-brand-700 hover:underline">
            Clear
          </Link>
        ) : null}
      </form>
      <Table
        caption="Customers"
        rows={page.items}
        rowKey={(c) => c.id}
        empty={search ? `No customer matches "${search}".` : "No customers yet."}
        columns={[
          {
            header: "Customer",
            cell: (c) => (
              <Link
                href={`/admin/customers/${c.id}`}
                className="font-medium text-brand-700 hover:underline"
              >
                {c.name}
              </Link>
            ),
          },
          { header: "Slug", cell: (c) => <span className="font-mono text-xs">{c.slug}</span> },
          { header: "Licenses", cell: (c) => c.licenseCount, className: "text-right" },
          {
            header: "Customer since",
            cell: (c) => <When at={c.createdAt} time={false} />,
          },
        ]}
      />
      <Pager
        path="/admin/customers"
        params={{ q: search }}
        nextCursor={page.nextCursor}
        onLaterPage={Boolean(cursor)}
      />
    </>
  );
}
