// Starts a rollout in the caller's transaction (publishRelease's, so a release published as a
// rollout is never, even for a moment, offered to every machine). Audited as rollout.started.
import type { Actor } from "@/lib/authz/actor";
import { actorId } from "@/lib/authz/actor";
import { recordAudit, type AuditRequestInfo } from "@/lib/audit/record-audit";
import type { Tx } from "@/lib/db/client";
import type { RolloutPhase } from "./rollout.schema";

export async function createRollout(
  tx: Tx,
  args: {
    actor: Actor;
    request?: AuditRequestInfo;
    release: { id: string; productId: string; version: string; product: string };
    phases: RolloutPhase[];
  },
): Promise<{ id: string }> {
  const { actor, request, release, phases } = args;
  const rollout = await tx.rollout.create({
    data: {
      releaseId: release.id,
      productId: release.productId,
      phases: phases.map((p) => ({ ...p })),
      createdById: actor.type === "USER" ? actorId(actor) : null,
    },
    select: { id: true },
  });
  await recordAudit(tx, {
    action: "rollout.started",
    actor,
    request,
    target: { type: "rollout", id: rollout.id },
    after: { status: "ACTIVE", phase: 1, phases },
    metadata: { release: { id: release.id, version: release.version }, product: release.product },
  });
  return rollout;
}
