// Update resolution for one product over its release catalogue (release-catalogue.ts): the
// newest offerable release (published, on the channel, with an artifact for the platform,
// inside the maintenance window) and, when it is newer than the installed version, the plan
// planUpdate makes from every offerable release (minimum versions, required releases, critical
// flags). Two per-machine filters come first: the license's version line (a pinned license is
// never offered, nor told of, a version outside it) and whether the release's rollout offers it
// to this machine yet (lib/rollouts/offered-to.ts).
import semver from "semver";
import type { CatalogueArtifact, CatalogueRelease } from "./release-catalogue";
import { planUpdate, type UpdatePlan } from "./plan-update";

export interface UpdateQuery {
  channel: string;
  platform: string;
  arch: string;
  installed: string;
  publishedBefore: Date | null;
  // A semver range the license is pinned to (VersionPin), or null.
  versionRange?: string | null;
  // False for a release this machine is not offered (yet): a rollout phase it is not in.
  offered?: (release: CatalogueRelease) => boolean;
}

// A stored range was validated on the way in; one that no longer parses admits nothing.
function inLine(version: string, range: string | null | undefined): boolean {
  if (!range) return true;
  return semver.validRange(range) !== null && semver.satisfies(version, range);
}

export type LoadedPlan =
  | Exclude<UpdatePlan, { kind: "update" }>
  | (Extract<UpdatePlan, { kind: "update" }> & { artifact: CatalogueArtifact });

export function planProductUpdate(
  catalogue: readonly CatalogueRelease[],
  query: UpdateQuery,
): LoadedPlan {
  const offerable = new Map<string, CatalogueArtifact>();
  const candidates: CatalogueRelease[] = [];
  for (const release of catalogue) {
    if (release.channel !== query.channel) continue;
    if (
      query.publishedBefore &&
      !(release.publishedAt && release.publishedAt.getTime() < query.publishedBefore.getTime())
    )
      continue;
    const artifact = release.artifacts.find(
      (a) => a.platform === query.platform && a.arch === query.arch,
    );
    if (!artifact) continue;
    if (!inLine(release.version, query.versionRange)) continue;
    if (query.offered && !query.offered(release)) continue;
    offerable.set(release.id, artifact);
    candidates.push(release);
  }
  // The catalogue is newest first.
  const newest = candidates[0];
  if (!newest) return { kind: "up_to_date", latest: null };
  if (!semver.gt(newest.version, query.installed))
    return { kind: "up_to_date", latest: newest.version };
  const plan = planUpdate(query.installed, candidates, newest.version);
  if (plan.kind !== "update") return plan;
  const artifact = offerable.get(plan.release.id);
  if (!artifact) return { kind: "up_to_date", latest: newest.version };
  return { ...plan, artifact };
}
