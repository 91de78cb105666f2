// Whether a published release is offered to one machine, by the release's rollout: no rollout
// or a completed one offers it to every entitled machine; an active or paused rollout to the
// cohort of its current phase (paused: the cohort stops growing); a halted or aborted one to no
// machine that does not run it already (those are up to date with it anyway).
import type { CatalogueRollout } from "@/lib/updates/release-catalogue";
import { assignBucket } from "./assign-bucket";
import { inCohort } from "./cohort";

export interface MachineIdentity {
  // machineKey(licenseId, agent machine id)
  key: string;
  groups: readonly string[];
}

export function offeredTo(
  release: { id: string; rollout: CatalogueRollout | null },
  machine: MachineIdentity,
): boolean {
  const { rollout } = release;
  if (!rollout || rollout.status === "COMPLETED") return true;
  if (rollout.status === "HALTED" || rollout.status === "ABORTED") return false;
  return inCohort(rollout.phases, rollout.currentPhase, {
    bucket: assignBucket(machine.key, release.id),
    groups: machine.groups,
  });
}
