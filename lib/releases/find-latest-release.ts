// The newest release an agent on `platform/arch` following `channel` may be offered: PUBLISHED
// only (never a draft, never a yanked release), with an artifact for that platform, by semver
// precedence. SQL orders by major, minor, patch and puts the full release of a triple ahead of
// its prereleases; prerelease identifiers (rc.10 > rc.2) are compared with semver in JS.
import type { Tx } from "@/lib/db/client";
import type { Artifact, Channel, Prisma, Product, Release } from "@/lib/generated/prisma/client";
import { byVersionDescending } from "./compare-versions";

export interface LatestRelease extends Release {
  product: Product;
  channel: Channel;
  // The artifact for the requested platform/arch.
  artifact: Artifact;
}

export interface FindLatestReleaseInput {
  productId: string;
  // Channel name, as entitlements store it.
  channel: string;
  platform: string;
  arch: string;
  // Only releases published strictly before this instant (maintenance-only licenses).
  publishedBefore?: Date;
}

export async function findLatestRelease(
  tx: Pick<Tx, "release">,
  input: FindLatestReleaseInput,
): Promise<LatestRelease | null> {
  const where: Prisma.ReleaseWhereInput = {
    productId: input.productId,
    status: "PUBLISHED",
    channel: { name: input.channel },
    artifacts: { some: { platform: input.platform, arch: input.arch } },
    ...(input.publishedBefore ? { publishedAt: { lt: input.publishedBefore } } : {}),
  };
  const top = await tx.release.findFirst({
    where,
    orderBy: [
      { major: "desc" },
      { minor: "desc" },
      { patch: "desc" },
      { prerelease: { sort: "desc", nulls: "first" } },
    ],
    select: { id: true, major: true, minor: true, patch: true, prerelease: true },
  });
  if (!top) return null;
  let winnerId = top.id;
  if (top.prerelease !== null) {
    const candidates = await tx.release.findMany({
      where: { ...where, major: top.major, minor: top.minor, patch: top.patch },
      select: { id: true, version: true },
    });
    winnerId = candidates.sort(byVersionDescending)[0]?.id ?? top.id;
  }
  const release = await tx.release.findUnique({
    where: { id: winnerId },
    include: {
      product: true,
      channel: true,
      artifacts: { where: { platform: input.platform, arch: input.arch } },
    },
  });
  const artifact = release?.artifacts[0];
  if (!release || !artifact) return null;
  const { artifacts: _artifacts, ...rest } = release;
  return { ...rest, artifact };
}
