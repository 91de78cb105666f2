// Auto-advance and auto-halt, judged whenever install events for the rollout's release are
// written (report-install-events.ts) and when staff open the rollout: no background process.
// A halt raises an alert (rollout.halted) and is audited; from then on no machine that was not
// already offered the release is offered it (the update check reads the status).
import { systemActor } from "@/lib/authz/actor";
import { raiseAlert } from "@/lib/alerts/raise-alert";
import type { Tx } from "@/lib/db/client";
import { judgePhase, type Judgement } from "./judge-phase";
import { lockRollout, type LockedRollout } from "./lock-rollout";
import { phaseCounts } from "./phase-counts";
import { transitionRollout } from "./transition-rollout";

const ROLLOUT_SYSTEM = systemActor("rollouts");

export async function evaluateRollout(
  tx: Tx,
  rolloutId: string,
  now: Date = new Date(),
): Promise<{ rollout: LockedRollout; judgement: Judgement | null }> {
  const rollout = await lockRollout(tx, rolloutId);
  if (rollout.status !== "ACTIVE") return { rollout, judgement: null };
  const counts = await phaseCounts(tx, rollout.id);
  const judgement = judgePhase({
    phases: rollout.phases,
    currentPhase: rollout.currentPhase,
    phaseStartedAt: rollout.phaseStartedAt,
    counts,
    now,
  });
  const metadata = { counts: Object.fromEntries([...counts].map(([k, v]) => [k + 1, v])) };
  switch (judgement.kind) {
    case "halt": {
      const halted = await transitionRollout(
        tx,
        rollout,
        { status: "HALTED", haltReason: judgement.reason },
        { action: "rollout.halted", actor: ROLLOUT_SYSTEM, metadata },
      );
      await raiseAlert(tx, {
        kind: "rollout.halted",
        severity: "HIGH",
        title: `Rollout of ${rollout.release.product.slug} ${rollout.release.version} halted`,
        subject: rollout.id,
        details: {
          product: rollout.release.product.slug,
          version: rollout.release.version,
          phase: judgement.phase + 1,
          reason: judgement.reason,
        },
      });
      return { rollout: halted, judgement };
    }
    case "advance":
      return {
        rollout: await transitionRollout(
          tx,
          rollout,
          { currentPhase: judgement.to },
          { action: "rollout.phase_advanced", actor: ROLLOUT_SYSTEM, metadata },
        ),
        judgement,
      };
    case "complete":
      return {
        rollout: await transitionRollout(
          tx,
          rollout,
          { status: "COMPLETED" },
          { action: "rollout.completed", actor: ROLLOUT_SYSTEM, metadata },
        ),
        judgement,
      };
    default:
      return { rollout, judgement };
  }
}
