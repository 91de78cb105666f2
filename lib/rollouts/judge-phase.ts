// The rollout rules as a pure function of the counts, so they are tested without a database:
// - halt when any phase so far has at least minReports reporting machines and the share that
//   failed (or rolled back) reaches its errorThreshold (hawkBit's error threshold);
// - advance when the current phase has soaked for minSoakMinutes, has minReports reports and the
//   share that installed reaches its successThreshold; after the last phase the rollout is
//   complete. A phase that needs an approval is not entered by itself: it waits for staff.
import type { RolloutPhase } from "./rollout.schema";

export interface PhaseCounts {
  // Distinct machines of the phase's cohort that reported an outcome (installed, failed, rolled back).
  reported: number;
  // Of those, the machines that failed or rolled back.
  failed: number;
}

export type Judgement =
  | { kind: "halt"; phase: number; reason: string }
  | { kind: "advance"; to: number }
  | { kind: "complete" }
  | { kind: "await_approval"; to: number }
  | { kind: "hold"; why: string };

export const percent = (part: number, whole: number) => (whole === 0 ? 0 : (part * 100) / whole);

export function judgePhase(input: {
  phases: readonly RolloutPhase[];
  currentPhase: number;
  phaseStartedAt: Date;
  counts: ReadonlyMap<number, PhaseCounts>;
  now: Date;
}): Judgement {
  const { phases, currentPhase, counts, now } = input;
  for (let i = 0; i <= currentPhase && i < phases.length; i++) {
    const phase = phases[i];
    const c = counts.get(i);
    if (!phase || !c || c.reported < phase.minReports) continue;
    const errorRate = percent(c.failed, c.reported);
    if (c.failed > 0 && errorRate >= phase.errorThreshold)
      return {
        kind: "halt",
        phase: i,
        reason: `Phase ${i + 1}: ${c.failed} of ${c.reported} reporting machines failed (${errorRate.toFixed(1)}% ≥ error threshold ${phase.errorThreshold}%).`,
      };
  }
  const phase = phases[currentPhase];
  if (!phase) return { kind: "hold", why: "no such phase" };
  const soakedMs = now.getTime() - input.phaseStartedAt.getTime();
  if (soakedMs < phase.minSoakMinutes * 60_000)
    return { kind: "hold", why: `soaking (${phase.minSoakMinutes} min)` };
  const c = counts.get(currentPhase) ?? { reported: 0, failed: 0 };
  if (c.reported < phase.minReports)
    return { kind: "hold", why: `${c.reported} of ${phase.minReports} reports needed` };
  const successRate = percent(c.reported - c.failed, c.reported);
  if (successRate < phase.successThreshold)
    return {
      kind: "hold",
      why: `success ${successRate.toFixed(1)}% below ${phase.successThreshold}%`,
    };
  const next = currentPhase + 1;
  if (next >= phases.length) return { kind: "complete" };
  if (phases[next]?.requiresApproval) return { kind: "await_approval", to: next };
  return { kind: "advance", to: next };
}
