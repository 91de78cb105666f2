import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors/app-error";
import { enforce, runAdminChange } from "./admin-change";
import { deleteBoundarySchema, type DeleteBoundaryInput } from "./delete-boundary.schema";
import type { Operation } from "./operation";
import { canDeleteBoundary } from "./policy";
import { boundaryAudit, boundarySelect, toBoundaryView } from "./views";

// A boundary still attached is not deleted: that would silently lift the ceiling of everyone
// under it.
export async function deleteBoundary({
  actor,
  input,
  request,
}: Operation<DeleteBoundaryInput>): Promise<{ id: string }> {
  const { boundaryId } = deleteBoundarySchema.parse(input);
  const ctx = {
    actor,
    request,
    operation: "boundaries.delete",
    target: { type: "boundary", id: boundaryId },
  };
  return runAdminChange(ctx, async ({ tx, state, policyActor }) => {
    enforce(canDeleteBoundary(policyActor, state, { boundaryId }));
    // Users under it are the policy's concern (refused above); API clients are not in the
    // policy's snapshot, so they are checked here.
    const clients = await tx.apiClient.count({ where: { boundaryId } });
    if (clients > 0) {
      throw new AppError(
        "conflict",
        `The boundary is attached to ${clients} API ${clients === 1 ? "client" : "clients"}; detach it first.`,
      );
    }
    const boundary = toBoundaryView(
      await tx.permissionBoundary.delete({ where: { id: boundaryId }, select: boundarySelect }),
    );
    await recordAudit(tx, {
      action: "boundaries.deleted",
      actor,
      request,
      target: { type: "boundary", id: boundaryId },
      before: boundaryAudit(boundary),
      after: null,
    });
    return { id: boundaryId };
  });
}
