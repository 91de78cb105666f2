// Which release an installed version should move to, as a pure function of the installed version
// and the releases the license may have on that channel and platform (published, not yanked,
// with an artifact for the platform, inside the maintenance window). The data side is
// plan-product-update.ts over release-catalogue.ts; the rules live here so they can be tested
// exhaustively.
//
// - Rollback protection: only versions strictly greater than the installed one are offered; an
//   agent that runs the newest version, or something newer than anything published (a yanked or
//   prerelease build), is up to date.
// - Minimum versions: a release with minimumVersion M may be installed only over a version >= M.
//   When the newest release is out of reach, the newest release the installed version may take
//   directly is offered instead (a stepping stone); the next check moves on from there. When no
//   newer release is reachable the answer is up_to_date with reason "no_upgrade_path".
// - Required releases: an agent below a required release R is offered nothing newer than R, so
//   it passes through R (a stepping stone when something newer exists).
// - Critical: the offer is critical when it or any release it skips over is critical, because
//   installing it is how the agent receives the critical fix.
import semver from "semver";

export interface CandidateRelease {
  id: string;
  version: string;
  critical: boolean;
  // Agents below a required release install it before anything newer.
  required?: boolean;
  minimumVersion: string | null;
  publishedAt: Date | null;
}

export type UpdatePlan =
  | { kind: "up_to_date"; latest: string | null }
  | { kind: "no_upgrade_path"; latest: string }
  | {
      kind: "update";
      latest: string;
      release: CandidateRelease;
      critical: boolean;
      steppingStone: boolean;
    };

// A release's minimum is satisfied when none is set or the installed version reaches it. An
// unparsable minimum (never written by the release API) is treated as unreachable, not ignored.
function satisfiesMinimum(installed: string, minimumVersion: string | null): boolean {
  if (minimumVersion === null) return true;
  return semver.valid(minimumVersion) !== null && semver.gte(installed, minimumVersion);
}

export function planUpdate(
  installed: string,
  candidates: readonly CandidateRelease[],
  // The newest offerable version whatever the installed one, for `latest` when nothing is newer.
  newest: string | null = null,
): UpdatePlan {
  const newer = candidates
    .filter((c) => semver.valid(c.version) !== null && semver.gt(c.version, installed))
    .sort((a, b) => semver.rcompare(a.version, b.version));
  const top = newer[0];
  if (!top) return { kind: "up_to_date", latest: newest };
  // The lowest required release above the installed version caps what may be offered.
  const gate = newer.filter((c) => c.required).at(-1);
  const pick = newer.find(
    (c) =>
      (!gate || semver.lte(c.version, gate.version)) &&
      satisfiesMinimum(installed, c.minimumVersion),
  );
  if (!pick) return { kind: "no_upgrade_path", latest: top.version };
  const critical = newer.some((c) => c.critical && semver.lte(c.version, pick.version));
  return {
    kind: "update",
    latest: top.version,
    release: pick,
    critical,
    steppingStone: pick.id !== top.id,
  };
}
