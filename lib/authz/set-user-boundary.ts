import { recordAudit } from "@/lib/audit/record-audit";
import { enforce, runAdminChange } from "./admin-change";
import { findBoundary, findUser } from "./authz-state";
import { parseInput, type Operation } from "./operation";
import { canSetBoundary } from "./policy";
import { setUserBoundarySchema, type SetUserBoundaryInput } from "./set-user-boundary.schema";

export async function setUserBoundary({
  actor,
  input,
  request,
}: Operation<SetUserBoundaryInput>): Promise<{ boundaryId: string | null }> {
  const { userId, boundaryId } = parseInput(setUserBoundarySchema, input);
  const ctx = {
    actor,
    request,
    operation: "users.set_boundary",
    target: { type: "user", id: userId },
    metadata: { boundaryId },
  };
  return runAdminChange(ctx, async ({ tx, state, policyActor }) => {
    enforce(canSetBoundary(policyActor, state, { userId, boundaryId }));
    const view = (id: string | null) => {
      const b = id ? findBoundary(state, id) : undefined;
      return b ? { id: b.id, name: b.name, permissions: b.permissions } : null;
    };
    const before = view(findUser(state, userId)?.boundaryId ?? null);
    await tx.user.update({ where: { id: userId }, data: { boundaryId } });
    await recordAudit(tx, {
      action: "users.boundary_changed",
      actor,
      request,
      target: { type: "user", id: userId },
      before: { boundary: before },
      after: { boundary: view(boundaryId) },
    });
    return { boundaryId };
  });
}
