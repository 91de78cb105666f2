// Approved rollbacks in the update check. A directive in scope for a machine that runs its
// `from` version answers with its `to` release and an explicit rollback instruction (the only
// downgrade an agent accepts); while it is active, its `from` release is not offered again to
// the machines in its scope, so they do not bounce back.
import type {
  CatalogueArtifact,
  CatalogueDirective,
  CatalogueRelease,
  ProductCatalogue,
} from "@/lib/updates/release-catalogue";
import { assignBucket } from "./assign-bucket";
import { entryPhase } from "./cohort";
import type { MachineIdentity } from "./offered-to";

export interface RollbackMachine extends MachineIdentity {
  customerId: string;
}

export interface ApplicableRollback {
  directive: CatalogueDirective;
  from: CatalogueRelease;
  to: CatalogueRelease;
  artifact: CatalogueArtifact;
}

function inScope(
  directive: CatalogueDirective,
  from: CatalogueRelease,
  machine: RollbackMachine,
): boolean {
  switch (directive.scope) {
    case "ALL":
      return true;
    case "CUSTOMER":
      return directive.customerId === machine.customerId;
    case "PHASE": {
      if (!from.rollout || directive.phase === null) return false;
      const entry = entryPhase(from.rollout.phases, {
        bucket: assignBucket(machine.key, from.id),
        groups: machine.groups,
      });
      return entry !== null && entry <= directive.phase;
    }
  }
}

function liveDirectives(catalogue: ProductCatalogue, machine: RollbackMachine, now: Date) {
  const byId = new Map(catalogue.releases.map((r) => [r.id, r]));
  return catalogue.directives.flatMap((directive) => {
    const from = byId.get(directive.fromReleaseId);
    if (!from || directive.expiresAt.getTime() <= now.getTime()) return [];
    if (!inScope(directive, from, machine)) return [];
    return [{ directive, from, to: byId.get(directive.toReleaseId) ?? null }];
  });
}

// The releases this machine must not be offered while a rollback away from them is active.
export function rolledBackReleaseIds(
  catalogue: ProductCatalogue,
  machine: RollbackMachine,
  now: Date,
): Set<string> {
  return new Set(liveDirectives(catalogue, machine, now).map((d) => d.from.id));
}

export function rollbackFor(
  catalogue: ProductCatalogue,
  query: { installed: string; platform: string; arch: string },
  machine: RollbackMachine,
  now: Date,
): ApplicableRollback | null {
  for (const { directive, from, to } of liveDirectives(catalogue, machine, now)) {
    if (from.version !== query.installed || !to) continue;
    const artifact = to.artifacts.find(
      (a) => a.platform === query.platform && a.arch === query.arch,
    );
    if (artifact) return { directive, from, to, artifact };
  }
  return null;
}
