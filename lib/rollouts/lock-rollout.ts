// A rollout read under a row lock, so that two reports judged at once, or a report and a staff
// action, never both move the same rollout.
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { RolloutStatus } from "@/lib/generated/prisma/client";
import { storedPhases, type RolloutPhase } from "./rollout.schema";

export interface LockedRollout {
  id: string;
  releaseId: string;
  productId: string;
  status: RolloutStatus;
  phases: RolloutPhase[];
  currentPhase: number;
  phaseStartedAt: Date;
  pendingApprovalId: string | null;
  haltReason: string | null;
  release: { version: string; product: { slug: string } };
}

export async function lockRollout(tx: Tx, rolloutId: string): Promise<LockedRollout> {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Rollout" WHERE "id" = ${rolloutId} FOR UPDATE`;
  if (locked.length === 0) throw new AppError("not_found", "No such rollout.");
  const row = await tx.rollout.findUniqueOrThrow({
    where: { id: rolloutId },
    include: { release: { select: { version: true, product: { select: { slug: true } } } } },
  });
  return { ...row, phases: storedPhases(row.phases) };
}
