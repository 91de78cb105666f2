// What the update check offers from, per product: its published releases with their artifacts
// and rollouts, newest first, and the product's active rollback directives. Published releases
// and their artifacts are immutable except for a yank (only drafts take uploads and edits), and
// rollouts and directives change only through their operations, so each process keeps all of it
// in memory and the check's license query carries a stamp of the product's published releases,
// rollouts and directives (their number and latest change); a publish, yank, phase change, halt
// or rollback on any instance changes the stamp and the next check here reloads. The common
// check therefore reads no release, rollout or directive rows at all.
import type { Tx } from "@/lib/db/client";
import type { RollbackScope, RolloutStatus } from "@/lib/generated/prisma/client";
import { byVersionDescending } from "@/lib/releases/compare-versions";
import { storedPhases, type RolloutPhase } from "@/lib/rollouts/rollout.schema";
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

export interface CatalogueRollout {
  id: string;
  status: RolloutStatus;
  phases: RolloutPhase[];
  currentPhase: number;
}

export interface CatalogueRelease extends CandidateRelease {
  channel: string;
  artifacts: CatalogueArtifact[];
  rollout: CatalogueRollout | null;
}

export interface CatalogueDirective {
  id: string;
  fromReleaseId: string;
  toReleaseId: string;
  scope: RollbackScope;
  customerId: string | null;
  phase: number | null;
  expiresAt: Date;
  reason: string;
}

export interface ProductCatalogue {
  releases: readonly CatalogueRelease[];
  directives: readonly CatalogueDirective[];
}

// Products, not releases: enough for any vendor's catalogue, bounded against a table full of them.
const MAX_PRODUCTS = 1000;
const cache = new Map<string, { stamp: string; catalogue: ProductCatalogue }>();

const stampOf = (table: string, alias: string, extra = "") =>
  `(SELECT count(*)::text || ':' || coalesce(max(${alias}."updatedAt")::text, '')
   FROM "${table}" ${alias} WHERE ${alias}."productId" = p."id"${extra})`;

// The SQL expression of a product's stamp, for the check's one license query.
export const CATALOGUE_STAMP_SQL = [
  stampOf("Release", "r", ` AND r."status" = 'PUBLISHED'`),
  stampOf("Rollout", "o"),
  stampOf("RollbackDirective", "d"),
].join(" || '|' || ");

const artifactSelect = {
  id: true,
  platform: true,
  arch: true,
  fileName: true,
  size: true,
  sha256: true,
  signature: true,
  signingKeyId: true,
} as const;

async function load(
  tx: Pick<Tx, "release" | "rollbackDirective">,
  productId: string,
): Promise<ProductCatalogue> {
  const rows = await tx.release.findMany({
    where: { productId, status: "PUBLISHED" },
    select: {
      id: true,
      version: true,
      critical: true,
      required: true,
      minimumVersion: true,
      publishedAt: true,
      channel: { select: { name: true } },
      artifacts: { select: artifactSelect },
      rollout: { select: { id: true, status: true, phases: true, currentPhase: true } },
    },
  });
  const directives = await tx.rollbackDirective.findMany({
    where: { productId, status: "ACTIVE" },
    select: {
      id: true,
      fromReleaseId: true,
      toReleaseId: true,
      scope: true,
      customerId: true,
      phase: true,
      expiresAt: true,
      reason: true,
    },
    orderBy: { createdAt: "desc" },
  });
  const releases = rows
    .map(({ channel, rollout, ...release }) => ({
      ...release,
      channel: channel.name,
      rollout: rollout ? { ...rollout, phases: storedPhases(rollout.phases) } : null,
    }))
    .sort(byVersionDescending);
  return { releases, directives };
}

export async function releaseCatalogue(
  tx: Pick<Tx, "release" | "rollbackDirective">,
  productId: string,
  stamp: string,
): Promise<ProductCatalogue> {
  const hit = cache.get(productId);
  if (hit?.stamp === stamp) return hit.catalogue;
  const catalogue = await load(tx, productId);
  cache.delete(productId);
  if (cache.size >= MAX_PRODUCTS) cache.delete(cache.keys().next().value ?? "");
  cache.set(productId, { stamp, catalogue });
  return catalogue;
}
