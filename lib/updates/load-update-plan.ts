// The database side of update resolution for one product: the newest offerable release (the
// releases domain's findLatestRelease: published, not yanked, with an artifact for the platform,
// inside the maintenance window) and, when it is newer than the installed version, every
// offerable release between the two, which planUpdate needs for minimum versions and critical
// flags. The common steady state (already up to date) costs one query.
import type { Tx } from "@/lib/db/client";
import type { Artifact } from "@/lib/generated/prisma/client";
import { findLatestRelease } from "@/lib/releases/find-latest-release";
import { parseStrictVersion } from "@/lib/releases/version";
import semver from "semver";
import { planUpdate, type CandidateRelease, type UpdatePlan } from "./plan-update";

// Far more releases than any product ships between two versions an agent would jump.
const MAX_CANDIDATES = 500;

export interface UpdateQuery {
  productId: string;
  channel: string;
  platform: string;
  arch: string;
  installed: string;
  publishedBefore: Date | null;
}

export type LoadedPlan =
  | Exclude<UpdatePlan, { kind: "update" }>
  | (Extract<UpdatePlan, { kind: "update" }> & { artifact: Artifact });

type CandidateWithArtifact = CandidateRelease & { artifacts: Artifact[] };

async function listUpgradeCandidates(
  tx: Pick<Tx, "release">,
  query: UpdateQuery,
): Promise<CandidateWithArtifact[]> {
  // The installed version passed the request schema, so it parses; the sort-key bound keeps the
  // query to releases at or above its major.minor.patch, and planUpdate compares exactly.
  const parts = parseStrictVersion(query.installed);
  if (!parts) return [];
  const { major, minor, patch } = parts;
  return tx.release.findMany({
    where: {
      productId: query.productId,
      status: "PUBLISHED",
      channel: { name: query.channel },
      artifacts: { some: { platform: query.platform, arch: query.arch } },
      ...(query.publishedBefore ? { publishedAt: { lt: query.publishedBefore } } : {}),
      OR: [
        { major: { gt: major } },
        { major, minor: { gt: minor } },
        { major, minor, patch: { gte: patch } },
      ],
    },
    orderBy: [{ major: "desc" }, { minor: "desc" }, { patch: "desc" }],
    take: MAX_CANDIDATES,
    select: {
      id: true,
      version: true,
      critical: true,
      minimumVersion: true,
      publishedAt: true,
      artifacts: { where: { platform: query.platform, arch: query.arch } },
    },
  });
}

export async function loadUpdatePlan(
  tx: Pick<Tx, "release">,
  query: UpdateQuery,
): Promise<LoadedPlan> {
  const newest = await findLatestRelease(tx, {
    productId: query.productId,
    channel: query.channel,
    platform: query.platform,
    arch: query.arch,
    ...(query.publishedBefore ? { publishedBefore: query.publishedBefore } : {}),
  });
  if (!newest) return { kind: "up_to_date", latest: null };
  if (!semver.gt(newest.version, query.installed)) {
    return { kind: "up_to_date", latest: newest.version };
  }
  const candidates = await listUpgradeCandidates(tx, query);
  const plan = planUpdate(query.installed, candidates, newest.version);
  if (plan.kind !== "update") return plan;
  const artifact = candidates.find((c) => c.id === plan.release.id)?.artifacts[0];
  // The query asked only for releases with that platform's artifact; a release losing it between
  // the two statements is a draft edit that cannot happen to a published release.
  if (!artifact) return { kind: "up_to_date", latest: newest.version };
  return { ...plan, artifact };
}
