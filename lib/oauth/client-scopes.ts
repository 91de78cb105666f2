// What each kind of API client may ever be given, and what it holds right now. An update agent
// acts on its own license only; a build pipeline only on releases. Stored scopes are read back
// through the catalogue, bounded by the client's boundary (lib/authz, the same rule as users)
// and by its kind, so a row edited by hand cannot widen a client beyond what its kind allows.
import { effectiveScopes } from "@/lib/authz/effective-permissions";
import { knownPermissions, sortPermissions } from "@/lib/authz/permission-sets";
import type { Permission } from "@/lib/authz/permissions";

export type ApiClientKindName = "AGENT" | "PIPELINE";

// The same set as AGENT_SCOPES in lib/authz/built-in-roles (a test keeps them equal), spelled out
// as a tuple so zod can enumerate it.
export const AGENT_CLIENT_SCOPES = [
  "update:check",
  "update:download",
  "update:report",
] as const satisfies readonly Permission[];

export const PIPELINE_CLIENT_SCOPES = [
  "releases:read",
  "releases:write",
  "releases:publish",
  "releases:yank",
  "artifacts:write",
  "products:read",
] as const satisfies readonly Permission[];

// What the new-client form ticks for a build pipeline: build and upload, but not publish or
// yank, which put a release in front of every customer or take it away. Least privilege by
// default; staff tick those two on purpose for the pipeline that ships.
export const PIPELINE_DEFAULT_SCOPES = [
  "releases:read",
  "releases:write",
  "artifacts:write",
  "products:read",
] as const satisfies readonly (typeof PIPELINE_CLIENT_SCOPES)[number][];

export function scopesAllowedFor(kind: ApiClientKindName): readonly Permission[] {
  return kind === "AGENT" ? AGENT_CLIENT_SCOPES : PIPELINE_CLIENT_SCOPES;
}

export interface ScopedClient {
  id: string;
  kind: ApiClientKindName;
  status: "ACTIVE" | "REVOKED";
  scopes: readonly string[];
  boundaryId: string | null;
  boundary: { permissions: readonly string[] } | null;
}

// Revoked clients hold nothing.
export function clientEffectiveScopes(client: ScopedClient): Set<Permission> {
  if (client.status !== "ACTIVE") return new Set();
  const allowed = new Set(scopesAllowedFor(client.kind));
  const bounded = effectiveScopes({
    scopes: knownPermissions(client.scopes, `api client ${client.id}`),
    boundary: client.boundary
      ? knownPermissions(client.boundary.permissions, `boundary ${client.boundaryId ?? ""}`)
      : null,
  });
  return new Set(sortPermissions([...bounded].filter((p) => allowed.has(p))));
}

// The Prisma selection the function above needs.
export const scopedClientSelect = {
  id: true,
  kind: true,
  status: true,
  scopes: true,
  boundaryId: true,
  boundary: { select: { permissions: true } },
} as const;
