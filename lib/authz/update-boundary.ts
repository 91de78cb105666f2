import { recordAudit } from "@/lib/audit/record-audit";
import { enforce, runAdminChange } from "./admin-change";
import { parseInput, type Operation } from "./operation";
import { canCreateOrEditBoundary } from "./policy";
import { updateBoundarySchema, type UpdateBoundaryInput } from "./update-boundary.schema";
import { boundaryAudit, boundarySelect, toBoundaryView, type BoundaryView } from "./views";

// Editing a boundary changes the ceiling of every user and API client it is attached to; the
// audit event lists who was affected.
export async function updateBoundary({
  actor,
  input,
  request,
}: Operation<UpdateBoundaryInput>): Promise<BoundaryView> {
  const { boundaryId, ...changes } = parseInput(updateBoundarySchema, input);
  const ctx = {
    actor,
    request,
    operation: "boundaries.update",
    target: { type: "boundary", id: boundaryId },
    metadata: { permissions: changes.permissions },
  };
  return runAdminChange(ctx, async ({ tx, state, policyActor }) => {
    const current = state.boundaries.find((b) => b.id === boundaryId);
    enforce(
      canCreateOrEditBoundary(policyActor, state, {
        boundaryId,
        permissions: changes.permissions ?? current?.permissions ?? [],
      }),
    );
    const before = toBoundaryView(
      await tx.permissionBoundary.findUniqueOrThrow({
        where: { id: boundaryId },
        select: boundarySelect,
      }),
    );
    const after = toBoundaryView(
      await tx.permissionBoundary.update({
        where: { id: boundaryId },
        data: changes,
        select: boundarySelect,
      }),
    );
    const [users, apiClients] = [
      state.users.filter((u) => u.boundaryId === boundaryId).map((u) => u.id),
      (await tx.apiClient.findMany({ where: { boundaryId }, select: { id: true } })).map(
        (c) => c.id,
      ),
    ];
    await recordAudit(tx, {
      action: "boundaries.updated",
      actor,
      request,
      target: { type: "boundary", id: boundaryId },
      before: boundaryAudit(before),
      after: boundaryAudit(after),
      metadata: { affectedUsers: users, affectedApiClients: apiClients },
    });
    return after;
  });
}
