import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/ui/format";
import { Badge } from "@/components/ui/badge";
import { ReadOnlyNote } from "@/components/ui/read-only-note";
import { PageHeader } from "@/components/ui/page";
import { Table } from "@/components/ui/table";
import { requireStaffPage } from "@/lib/identity/page-guards";
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

export default async function ProductsPage() {
  const actor = await requireStaffPage("products:read");
  const products = await listProducts({ actor });
  const canWrite = actor.permissions.has("products:write");
  return (
    <>
      <PageHeader
        title="Products & releases"
        description="Products, their release channels, and every release published to customers' update agents."
        actions={canWrite ? <NewProductButton /> : null}
      />
      <ReadOnlyNote actor={actor} anyOf={["products:write", "releases:write"]} />
      <Table
        caption="Products"
        rows={products}
        rowKey={(p) => p.id}
        empty="No products yet."
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
            cell: (p) => <span className="whitespace-nowrap">{formatDateTime(p.createdAt)}</span>,
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
    </>
  );
}
