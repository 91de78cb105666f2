import { describe, expect, it } from "vitest";
import { judgePhase, type PhaseCounts } from "./judge-phase";
import { rolloutPhasesSchema } from "./rollout.schema";

const phases = rolloutPhasesSchema.parse([
  { percentage: 10, minSoakMinutes: 30, successThreshold: 90, errorThreshold: 20, minReports: 5 },
  { percentage: 50, requiresApproval: true },
  { percentage: 100 },
]);
const start = new Date("2026-12-01T10:00:00Z");
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
const judge = (counts: Record<number, PhaseCounts>, minutes: number, currentPhase = 0) =>
  judgePhase({
    phases,
    currentPhase,
    phaseStartedAt: start,
    counts: new Map(Object.entries(counts).map(([k, v]) => [Number(k), v])),
    now: at(minutes),
  });

describe("judgePhase", () => {
  it("halts once the error threshold is reached with enough reports, soaked or not", () => {
    expect(judge({ 0: { reported: 6, failed: 1 } }, 1)).toMatchObject({ kind: "hold" });
    // Below minReports a total failure is still only a sample.
    expect(judge({ 0: { reported: 4, failed: 4 } }, 1)).toMatchObject({ kind: "hold" });
    expect(judge({ 0: { reported: 5, failed: 1 } }, 1)).toMatchObject({ kind: "halt", phase: 0 });
    expect(judge({ 0: { reported: 10, failed: 2 } }, 1)).toMatchObject({ kind: "halt", phase: 0 });
  });

  it("advances only after the soak time, with enough reports and successes", () => {
    expect(judge({ 0: { reported: 10, failed: 0 } }, 29)).toMatchObject({ kind: "hold" });
    expect(judge({ 0: { reported: 4, failed: 0 } }, 31)).toMatchObject({ kind: "hold" });
    expect(judge({ 0: { reported: 10, failed: 1 } }, 31)).toMatchObject({ kind: "await_approval" });
  });

  it("holds below the success threshold without halting", () => {
    const lowSuccess = rolloutPhasesSchema.parse([
      { percentage: 10, minSoakMinutes: 0, successThreshold: 95, errorThreshold: 50 },
      { percentage: 100 },
    ]);
    const j = judgePhase({
      phases: lowSuccess,
      currentPhase: 0,
      phaseStartedAt: start,
      counts: new Map([[0, { reported: 10, failed: 2 }]]),
      now: at(1),
    });
    expect(j).toMatchObject({ kind: "hold" });
  });

  it("judges earlier phases' errors too, and completes after the last phase", () => {
    expect(
      judge({ 0: { reported: 10, failed: 5 }, 1: { reported: 3, failed: 0 } }, 120, 1),
    ).toMatchObject({
      kind: "halt",
      phase: 0,
    });
    expect(judge({ 2: { reported: 1, failed: 0 } }, 120, 2)).toEqual({ kind: "complete" });
    expect(judge({ 1: { reported: 1, failed: 0 } }, 120, 1)).toEqual({ kind: "advance", to: 2 });
  });
});
