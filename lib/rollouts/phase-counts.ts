// Per phase of a rollout: how many distinct machines reported an outcome, how many of them
// failed or rolled back, and the most frequent error codes. One grouped query over the events.
import type { Db, Tx } from "@/lib/db/client";
import type { PhaseCounts } from "./judge-phase";

export interface PhaseReport extends PhaseCounts {
  installed: number;
}

export async function phaseCounts(
  tx: Pick<Tx | Db, "$queryRaw">,
  rolloutId: string,
): Promise<Map<number, PhaseReport>> {
  const rows = await tx.$queryRaw<
    { phase: number; reported: number; failed: number; installed: number }[]
  >`
    SELECT "phase",
           count(DISTINCT "machineId")::int AS "reported",
           count(DISTINCT "machineId") FILTER (WHERE "kind" IN ('FAILED', 'ROLLED_BACK'))::int AS "failed",
           count(DISTINCT "machineId") FILTER (WHERE "kind" = 'INSTALLED')::int AS "installed"
      FROM "InstallEvent"
     WHERE "rolloutId" = ${rolloutId} AND "phase" IS NOT NULL
       AND "kind" IN ('INSTALLED', 'FAILED', 'ROLLED_BACK')
     GROUP BY "phase"`;
  return new Map(rows.map((r) => [r.phase, r]));
}
