// The boundaries the actor could attach to a user, each with the policy's verdict, so the user's
// page can disable a choice and say why. Only the server's check in set-user-boundary.ts gates
// the change; this reads the same policy against a fresh snapshot. Boundaries are vendor-wide
// (no tenant), so there is no scope to apply.
import { db } from "@/lib/db/client";
import { freshPolicyActor } from "./admin-change";
import { authorize } from "./authorize";
import { loadAuthzState } from "./load-authz-state";
import type { Operation } from "./operation";
import { canSetBoundary, type Decision } from "./policy";

export interface BoundaryChoice {
  id: string;
  name: string;
  decision: Decision;
}

export async function listBoundaryChoices({
  actor,
  input,
}: Operation<{ userId: string }>): Promise<BoundaryChoice[]> {
  authorize(actor, "boundaries:write");
  const state = await loadAuthzState(db());
  const me = freshPolicyActor(actor, state);
  return state.boundaries.map((b) => ({
    id: b.id,
    name: b.name,
    decision: canSetBoundary(me, state, { userId: input.userId, boundaryId: b.id }),
  }));
}
