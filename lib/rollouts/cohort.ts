// Which machines a rollout offers its release to. The cohort of phase i is every machine whose
// bucket is below the highest percentage of phases 0..i, plus every machine of a customer in a
// group named by phases 0..i: it only grows as phases advance, so nobody is offered a release
// and then refused it by the next phase.
import { BUCKETS } from "./assign-bucket";
import type { RolloutPhase } from "./rollout.schema";

export interface CohortMember {
  bucket: number;
  groups: readonly string[];
}

function admits(phase: RolloutPhase, member: CohortMember): boolean {
  return (
    member.bucket < Math.round(phase.percentage * (BUCKETS / 100)) ||
    phase.groups.some((g) => member.groups.includes(g))
  );
}

// The first phase whose cohort includes the machine, or null when no phase (yet) does.
export function entryPhase(phases: readonly RolloutPhase[], member: CohortMember): number | null {
  const index = phases.findIndex((phase) => admits(phase, member));
  return index === -1 ? null : index;
}

export function inCohort(
  phases: readonly RolloutPhase[],
  currentPhase: number,
  member: CohortMember,
): boolean {
  const entry = entryPhase(phases, member);
  return entry !== null && entry <= currentPhase;
}
