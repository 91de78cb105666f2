// Small set helpers over the permission catalogue. Permissions are stored as plain strings in the
// database (roles, boundaries, client scopes), so anything read back is filtered through
// `knownPermissions`: a string the catalogue no longer knows grants nothing, and is logged so an
// operator notices a stale role after a permission was renamed.
import { log } from "@/lib/log";
import { ALL_PERMISSIONS, isPermission, type Permission } from "./permissions";

const ORDER = new Map(ALL_PERMISSIONS.map((p, i) => [p, i]));

// Catalogue order, without duplicates: stable for storage, audit before/after and the UI.
export function sortPermissions(permissions: Iterable<Permission>): Permission[] {
  return [...new Set(permissions)].sort((a, b) => (ORDER.get(a) ?? 0) - (ORDER.get(b) ?? 0));
}

export function knownPermissions(values: readonly string[], source: string): Permission[] {
  const known: Permission[] = [];
  const unknown: string[] = [];
  for (const value of values) (isPermission(value) ? known : unknown).push(value as Permission);
  if (unknown.length)
    log.warn({ source, unknown }, "ignoring unknown permissions stored in the database");
  return sortPermissions(known);
}

// The members of `wanted` that `held` lacks, in catalogue order.
export function missingFrom(
  wanted: Iterable<Permission>,
  held: ReadonlySet<Permission>,
): Permission[] {
  return sortPermissions([...wanted].filter((p) => !held.has(p)));
}

export function sameSet(a: readonly Permission[], b: readonly Permission[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((p) => sb.has(p));
}
