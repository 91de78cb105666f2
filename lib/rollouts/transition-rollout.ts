// Every change of a rollout's state goes through here: the row is updated (which changes the
// product's catalogue stamp, so every instance's next update check follows at once) and the
// change is audited in the same transaction with a distinct action (rollout.phase_advanced,
// rollout.halted, ...), which is what webhook subscriptions will key on.
import type { Actor } from "@/lib/authz/actor";
import type { AuditAction } from "@/lib/audit/actions";
import { recordAudit, type AuditRequestInfo } from "@/lib/audit/record-audit";
import type { Tx } from "@/lib/db/client";
import type { RolloutStatus } from "@/lib/generated/prisma/client";
import type { LockedRollout } from "./lock-rollout";

export interface RolloutChange {
  status?: RolloutStatus;
  currentPhase?: number;
  haltReason?: string | null;
  pendingApprovalId?: string | null;
}

const stateOf = (r: Pick<LockedRollout, "status" | "currentPhase" | "haltReason">) => ({
  status: r.status,
  phase: r.currentPhase + 1,
  ...(r.haltReason ? { haltReason: r.haltReason } : {}),
});

export async function transitionRollout(
  tx: Tx,
  rollout: LockedRollout,
  change: RolloutChange,
  audit: {
    action: AuditAction;
    actor: Actor;
    request?: AuditRequestInfo;
    metadata?: Record<string, unknown>;
    approval?: { id: string; requestedById: string };
  },
): Promise<LockedRollout> {
  const now = new Date();
  const updated = await tx.rollout.update({
    where: { id: rollout.id },
    data: {
      ...change,
      ...(change.currentPhase !== undefined && change.currentPhase !== rollout.currentPhase
        ? { phaseStartedAt: now }
        : {}),
    },
  });
  const after: LockedRollout = { ...rollout, ...updated, phases: rollout.phases };
  await recordAudit(tx, {
    action: audit.action,
    actor: audit.actor,
    request: audit.request,
    target: { type: "rollout", id: rollout.id },
    before: stateOf(rollout),
    after: stateOf(after),
    metadata: {
      release: { id: rollout.releaseId, version: rollout.release.version },
      product: rollout.release.product.slug,
      ...(audit.approval ? { approval: audit.approval } : {}),
      ...audit.metadata,
    },
  });
  return after;
}
