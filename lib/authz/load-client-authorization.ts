// An API client's effective scopes: its scopes bounded by its boundary, the same rule as users.
// Revoked clients hold nothing.
import type { Tx } from "@/lib/db/client";
import { effectiveScopes } from "./effective-permissions";
import { knownPermissions } from "./permission-sets";
import type { Permission } from "./permissions";

export async function loadClientAuthorization(
  db: Pick<Tx, "apiClient">,
  apiClientId: string,
): Promise<{ scopes: Set<Permission>; boundaryId: string | null } | null> {
  const client = await db.apiClient.findUnique({
    where: { id: apiClientId },
    select: {
      status: true,
      scopes: true,
      boundaryId: true,
      boundary: { select: { permissions: true } },
    },
  });
  if (!client) return null;
  if (client.status !== "ACTIVE") return { scopes: new Set(), boundaryId: client.boundaryId };
  const scopes = effectiveScopes({
    scopes: knownPermissions(client.scopes, `api client ${apiClientId}`),
    boundary: client.boundary
      ? knownPermissions(client.boundary.permissions, `boundary ${client.boundaryId ?? ""}`)
      : null,
  });
  return { scopes, boundaryId: client.boundaryId };
}
