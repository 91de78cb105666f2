import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { ReleaseStatusBadge } from "@/components/releases/release-status-badge";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { IgnoredFilters } from "@/components/ui/ignored-filters";
import { PageHeader, When } from "@/components/ui/page";
import { ReadOnlyNote } from "@/components/ui/read-only-note";
import { Pager } from "@/components/ui/pager";
import { SearchBox } from "@/components/ui/search-box";
import { Table } from "@/components/ui/table";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { matches, pageOf } from "@/lib/pages/page-of";
import { firstParam, type SearchParams } from "@/lib/identity/requested-path";
import { listProducts } from "@/lib/releases/list-products";
import { listReleases } from "@/lib/releases/list-releases";
import { productSlugSchema } from "@/lib/releases/product.schema";
import { NewReleaseButton } from "./new-release-button";
import { readReleaseFilters } from "./release-filters";

type Params = Promise<{ slug: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { slug } = await params;
  return { title: productSlugSchema.safeParse(slug).success ? slug : "Product" };
}

export default async function ProductPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const actor = await requireStaffPage("releases:read");
  const { slug } = await params;
  if (!productSlugSchema.safeParse(slug).success) notFound();
  // listProducts also checks products:read; the catalogue is small, so one query serves both.
  const product = (await listProducts({ actor })).find((p) => p.slug === slug);
  if (!product) notFound();

  const query = await searchParams;
  const filters = readReleaseFilters(
    { channel: firstParam(query.channel), status: firstParam(query.status) },
    product.channels,
  );
  const search = firstParam(query.q)?.trim().slice(0, 200) || undefined;
  const all = await listReleases({
    actor,
    input: { product: slug, channel: filters.channel, status: filters.status, limit: 500 },
  });
  const page = pageOf(
    all.filter((r) => matches(search, r.version, r.notes)),
    firstParam(query.cursor),
  );
  const releases = page.items;
  const filtered = Boolean(filters.channel || filters.status || search);

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/admin/products" className="hover:underline">
          Products
        </Link>{" "}
        / <span className="font-mono">{slug}</span>
      </nav>
      <PageHeader
        title={product.name}
        description={product.description || <span className="font-mono">{slug}</span>}
        actions={
          <div className="flex gap-2">
            <Link href={`/admin/products/${slug}/fleet`} className={buttonClass("secondary")}>
              Fleet and rollouts
            </Link>
            {actor.permissions.has("releases:write") ? (
              <NewReleaseButton product={slug} channels={product.channels} />
            ) : null}
          </div>
        }
      />
      <ReadOnlyNote actor={actor} anyOf={["releases:write"]} />
      <IgnoredFilters problems={filters.problems} />
      <form
        method="get"
        className="mb-4 flex flex-wrap items-end gap-3"
        aria-label="Filter releases"
      >
        <label className="text-sm">
          <span className="block font-medium text-slate-700">Channel</span>
          <select
            name="channel"
            defaultValue={filters.channel ?? ""}
            className="mt-1 rounded-md border-0 px-3 py-2 text-sm ring-1 ring-slate-300"
          >
            <option value="">All channels</option>
            {product.channels.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium text-slate-700">Status</span>
          <select
            name="status"
            defaultValue={filters.status?.toLowerCase() ?? ""}
            className="mt-1 rounded-md border-0 px-3 py-2 text-sm ring-1 ring-slate-300"
          >
            <option value="">Any status</option>
            <option value="draft">Draft</option>
            <option value="published">Published</option>
            <option value="yanked">Yanked</option>
          </select>
        </label>
        <SearchBox value={search} placeholder="Version or words in the notes" />
        <button type="submit" className={buttonClass("secondary")}>
          Apply
        </button>
        {filtered ? (
          <Link
            href={`/admin/products/${slug}`}
            className="py-2 text-sm text-brand-700 hover:underline"
          >
            Clear filters
          </Link>
        ) : null}
      </form>
      <Table
        caption={`Releases of ${slug}, newest version first`}
        rows={releases}
        rowKey={(r) => r.id}
        empty={filtered ? "No release matches these filters." : "No releases yet."}
        columns={[
          {
            header: "Version",
            cell: (r) => (
              <Link
                href={`/admin/products/${slug}/releases/${r.id}`}
                className="font-mono font-medium text-brand-700 hover:underline"
              >
                {r.version}
              </Link>
            ),
          },
          { header: "Channel", cell: (r) => <Badge tone="blue">{r.channel}</Badge> },
          { header: "Status", cell: (r) => <ReleaseStatusBadge status={r.status} /> },
          {
            header: "Flags",
            cell: (r) => (
              <div className="flex flex-wrap gap-1">
                {r.critical ? <Badge tone="red">Critical</Badge> : null}
                {r.minimumVersion ? <Badge>from {r.minimumVersion}</Badge> : null}
              </div>
            ),
          },
          { header: "Artifacts", className: "text-right", cell: (r) => r.artifactCount },
          { header: "Downloads", className: "text-right", cell: (r) => r.downloadCount },
          {
            header: "Created",
            cell: (r) => <When at={r.createdAt} />,
          },
          {
            header: "Published",
            cell: (r) => <When at={r.publishedAt} />,
          },
        ]}
      />
      <Pager
        path={`/admin/products/${slug}`}
        params={{
          channel: filters.channel,
          status: filters.status?.toLowerCase(),
          q: search,
        }}
        nextCursor={page.nextCursor}
        onLaterPage={page.onLaterPage}
      />
    </>
  );
}
