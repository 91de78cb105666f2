// Approved rollback: staff (rollouts:manage, with a fresh step-up on the action) direct the
// machines of a product that run `from` (all of them, one customer's, or those a rollout phase
// admitted) back to the earlier release `to`. The update check then answers those machines with
// `to` and an explicit, expiring rollback instruction in the signed answer; nothing else can
// make an agent downgrade. Audited as rollback.directed; cancelling as rollback.cancelled.
import semver from "semver";
import { actorId, type Actor } from "@/lib/authz/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { authorize } from "@/lib/authz/authorize";
import { parseInput, type Operation } from "@/lib/authz/operation";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import {
  cancelRollbackSchema,
  directRollbackSchema,
  type CancelRollbackInput,
  type DirectRollbackInput,
} from "./direct-rollback.schema";

const invalid = (path: string, message: string) =>
  new AppError("validation_failed", message, { errors: [{ path, message }] });

export async function directRollback({
  actor,
  input,
  request,
}: Operation<DirectRollbackInput, Actor>): Promise<{ id: string; expiresAt: Date }> {
  authorize(actor, "rollouts:manage");
  const data = parseInput(directRollbackSchema, input);
  return db().$transaction(async (tx) => {
    const find = (id: string) =>
      tx.release.findUnique({
        where: { id },
        include: { product: { select: { slug: true } }, rollout: { select: { id: true } } },
      });
    const from = await find(data.fromReleaseId);
    const to = await find(data.toReleaseId);
    if (!from || !to) throw new AppError("not_found", "No such release.");
    if (from.productId !== to.productId)
      throw invalid("toReleaseId", "Both releases must be of the same product.");
    if (to.status !== "PUBLISHED")
      throw invalid("toReleaseId", "Machines can only go back to a published release.");
    if (!semver.lt(to.version, from.version))
      throw invalid("toReleaseId", `${to.version} is not older than ${from.version}.`);
    if (data.scope === "PHASE" && !from.rollout)
      throw invalid("phase", `${from.version} was not rolled out in phases.`);
    if (
      data.scope === "CUSTOMER" &&
      !(await tx.customer.findUnique({ where: { id: data.customerId ?? "" } }))
    )
      throw new AppError("not_found", "No such customer.");
    const expiresAt = new Date(Date.now() + data.expiresInHours * 3600_000);
    const directive = await tx.rollbackDirective.create({
      data: {
        productId: from.productId,
        fromReleaseId: from.id,
        toReleaseId: to.id,
        scope: data.scope,
        customerId: data.scope === "CUSTOMER" ? (data.customerId ?? null) : null,
        rolloutId: data.scope === "PHASE" ? (from.rollout?.id ?? null) : null,
        // Stored 0-based like Rollout.currentPhase.
        phase: data.scope === "PHASE" && data.phase ? data.phase - 1 : null,
        reason: data.reason,
        expiresAt,
        createdById: actorId(actor),
      },
      select: { id: true, expiresAt: true },
    });
    await recordAudit(tx, {
      action: "rollback.directed",
      actor,
      request,
      target: { type: "rollback_directive", id: directive.id },
      after: {
        product: from.product.slug,
        from: from.version,
        to: to.version,
        scope: data.scope,
        ...(data.customerId && data.scope === "CUSTOMER" ? { customerId: data.customerId } : {}),
        ...(data.phase && data.scope === "PHASE" ? { phase: data.phase } : {}),
        reason: data.reason,
        expiresAt,
      },
    });
    return directive;
  });
}

export async function cancelRollback({
  actor,
  input,
  request,
}: Operation<CancelRollbackInput, Actor>): Promise<{ id: string }> {
  authorize(actor, "rollouts:manage");
  const { directiveId } = parseInput(cancelRollbackSchema, input);
  return db().$transaction(async (tx) => {
    const directive = await tx.rollbackDirective.findUnique({ where: { id: directiveId } });
    if (!directive) throw new AppError("not_found", "No such rollback.");
    if (directive.status !== "ACTIVE")
      throw new AppError("conflict", "This rollback is already cancelled.");
    await tx.rollbackDirective.update({
      where: { id: directive.id },
      data: { status: "CANCELLED" },
    });
    await recordAudit(tx, {
      action: "rollback.cancelled",
      actor,
      request,
      target: { type: "rollback_directive", id: directive.id },
      before: { status: "ACTIVE" },
      after: { status: "CANCELLED" },
    });
    return { id: directive.id };
  });
}
