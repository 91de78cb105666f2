import type { Metadata } from "next";
import Link from "next/link";

import { Badge } from "@/components/ui/badge";
import { ReadOnlyNote } from "@/components/ui/read-only-note";
import { PageHeader, When } from "@/components/ui/page";
import { buttonClass } from "@/components/ui/button";
import { Pager } from "@/components/ui/pager";
import { SearchBox } from "@/components/ui/search-box";
import { Table } from "@/components/ui/table";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { firstParam, type SearchParams } from "@/lib/identity/requested-path";
import { matches, pageOf } from "@/lib/pages/page-of";
import { listProducts, type ProductSummary } from "@/lib/releases/list-products";
import { AddChannelButton } from "./add-channel-button";
import { NewProductButton } from "./new-product-button";

export const metadata: Metadata = { title: "Products & releases" };

function ReleaseCounts({ counts }: { counts: ProductSummary["releaseCounts"] }) {
  const parts = [
    `${counts.PUBLISHED} published`,
    ...(counts.DRAFT ? [`${counts.DRAFT} draft${counts.DRAFT === 1 ? "" : "s"}`] : []),
    ...(counts.YANKED ? [`${counts.YANKED} yanked`] : []),
  ];
  return <span className="text-slate-600">{parts.join(" · ")}</span>;
}

export default async function ProductsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireStaffPage("products:read");
  const query = await searchParams;
  const search = firstParam(query.q)?.trim().slice(0, 200) || undefined;
  const page = pageOf(
    (await listProducts({ actor })).filter((p) => matches(search, p.name, p.slug, p.description)),
    firstParam(query.cursor),
  );
  const products = page.items;
  const canWrite = actor.permissions.has("products:write");
  return (
    <>
      <PageHeader
        title="Products & releases"
        description="Products, their release channels, and every release published to customers' update agents."
        actions={canWrite ? <NewProductButton /> : null}
      />
      <ReadOnlyNote actor={actor} anyOf={["products:write", "releases:write"]} />
      <form
        method="get"
        aria-label="Search products"
        className="mb-4 flex flex-wrap items-end gap-3"
      >
        <SearchBox value={search} placeholder="Name or slug" />
        <button type="submit" className={buttonClass("secondary")}>
          Search
        </button>
      </form>
      <Table
        caption="Products"
        rows={products}
        rowKey={(p) => p.id}
        empty={search ? "No product matches this search." : "No products yet."}
        columns={[
          {
            header: "Product",
            cell: (p) => (
              <div>
                <Link
                  href={`/admin/products/${p.slug}`}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {p.name}
                </Link>
                <div className="font-mono text-xs text-slate-500">{p.slug}</div>
                {p.description ? (
                  <p className="mt-1 max-w-md text-xs text-slate-600">{p.description}</p>
                ) : null}
              </div>
            ),
          },
          {
            header: "Channels",
            cell: (p) => (
              <div className="flex flex-wrap gap-1" data-testid={`channels-${p.slug}`}>
                {p.channels.map((c) => (
                  <Badge key={c} tone="blue">
                    {c}
                  </Badge>
                ))}
              </div>
            ),
          },
          { header: "Releases", cell: (p) => <ReleaseCounts counts={p.releaseCounts} /> },
          {
            header: "Created",
            cell: (p) => <When at={p.createdAt} />,
          },
          ...(canWrite
            ? [
                {
                  header: "Actions",
                  className: "text-right",
                  cell: (p: ProductSummary) => (
                    <AddChannelButton product={p.slug} productName={p.name} />
                  ),
                },
              ]
            : []),
        ]}
      />
      <Pager
        path="/admin/products"
        params={{ q: search }}
        nextCursor={page.nextCursor}
        onLaterPage={page.onLaterPage}
      />
    </>
  );
}
