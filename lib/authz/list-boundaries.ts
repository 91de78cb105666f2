import { db } from "@/lib/db/client";
import type { Operation } from "./operation";
import { authorize } from "./authorize";
import { boundarySelect, toBoundaryView, type BoundaryView } from "./views";

export interface BoundaryListItem extends BoundaryView {
  users: number;
  apiClients: number;
}

export async function listBoundaries({
  actor,
}: Operation<Record<string, never>>): Promise<BoundaryListItem[]> {
  authorize(actor, "boundaries:read", "view boundaries");
  const rows = await db().permissionBoundary.findMany({
    select: { ...boundarySelect, _count: { select: { users: true, apiClients: true } } },
    orderBy: { name: "asc" },
  });
  return rows.map(({ _count, ...row }) => ({
    ...toBoundaryView(row),
    users: _count.users,
    apiClients: _count.apiClients,
  }));
}
