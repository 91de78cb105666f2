import { recordAudit } from "@/lib/audit/record-audit";
import { enforce, runAdminChange } from "./admin-change";
import { createBoundarySchema, type CreateBoundaryInput } from "./create-boundary.schema";
import { parseInput, type Operation } from "./operation";
import { canCreateOrEditBoundary } from "./policy";
import { boundaryAudit, boundarySelect, toBoundaryView, type BoundaryView } from "./views";

export async function createBoundary({
  actor,
  input,
  request,
}: Operation<CreateBoundaryInput>): Promise<BoundaryView> {
  const data = parseInput(createBoundarySchema, input);
  const ctx = {
    actor,
    request,
    operation: "boundaries.create",
    target: { type: "boundary", id: null },
    metadata: { name: data.name, permissions: data.permissions },
  };
  return runAdminChange(ctx, async ({ tx, state, policyActor }) => {
    enforce(canCreateOrEditBoundary(policyActor, state, { permissions: data.permissions }));
    const boundary = toBoundaryView(
      await tx.permissionBoundary.create({
        data: { ...data, createdById: actor.userId },
        select: boundarySelect,
      }),
    );
    await recordAudit(tx, {
      action: "boundaries.created",
      actor,
      request,
      target: { type: "boundary", id: boundary.id },
      before: null,
      after: boundaryAudit(boundary),
    });
    return boundary;
  });
}
