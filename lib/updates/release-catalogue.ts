// What the update check offers from, per product: its published releases with their artifacts,
// newest first. Published releases and their artifacts are immutable except for a yank (only
// drafts take uploads and edits), so each process keeps them in memory and the check's license
// query carries a stamp of the product's published releases (their number and latest change);
// a publish or yank on any instance changes the stamp and the next check here reloads. The
// common check therefore reads no release rows at all.
import type { Tx } from "@/lib/db/client";
import { byVersionDescending } from "@/lib/releases/compare-versions";
import type { CandidateRelease } from "./plan-update";

export interface CatalogueArtifact {
  id: string;
  platform: string;
  arch: string;
  fileName: string;
  size: bigint;
  sha256: string;
  signature: string;
  signingKeyId: string;
}

export interface CatalogueRelease extends CandidateRelease {
  channel: string;
  artifacts: CatalogueArtifact[];
}

// Products, not releases: enough for any vendor's catalogue, bounded against a table full of them.
const MAX_PRODUCTS = 1000;
const cache = new Map<string, { stamp: string; releases: CatalogueRelease[] }>();

// The SQL expression of a product's stamp, for the check's one license query.
export const CATALOGUE_STAMP_SQL = `(SELECT count(*)::text || ':' || coalesce(max(r."updatedAt")::text, '')
   FROM "Release" r WHERE r."productId" = p."id" AND r."status" = 'PUBLISHED')`;

async function load(tx: Pick<Tx, "release">, productId: string): Promise<CatalogueRelease[]> {
  const rows = await tx.release.findMany({
    where: { productId, status: "PUBLISHED" },
    select: {
      id: true,
      version: true,
      critical: true,
      minimumVersion: true,
      publishedAt: true,
      channel: { select: { name: true } },
      artifacts: {
        select: {
          id: true,
          platform: true,
          arch: true,
          fileName: true,
          size: true,
          sha256: true,
          signature: true,
          signingKeyId: true,
        },
      },
    },
  });
  return rows
    .map(({ channel, ...release }) => ({ ...release, channel: channel.name }))
    .sort(byVersionDescending);
}

export async function releaseCatalogue(
  tx: Pick<Tx, "release">,
  productId: string,
  stamp: string,
): Promise<readonly CatalogueRelease[]> {
  const hit = cache.get(productId);
  if (hit?.stamp === stamp) return hit.releases;
  const releases = await load(tx, productId);
  cache.delete(productId);
  if (cache.size >= MAX_PRODUCTS) cache.delete(cache.keys().next().value ?? "");
  cache.set(productId, { stamp, releases });
  return releases;
}
