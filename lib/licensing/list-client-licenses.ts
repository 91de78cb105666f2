// Which customer and license each update agent belongs to, for the API clients table: one query
// for all the licenses on the page (an API client view carries only the ids). Read with
// licenses:read; without it the table shows the ids alone, so this answers an empty map rather
// than refusing. The tenant is in the where clause like every license query.
import type { Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { customerScope } from "./tenancy";

export interface ClientLicense {
  id: string;
  keyHint: string;
  customer: { id: string; name: string };
}

export async function listClientLicenses({
  actor,
  input,
}: {
  actor: Actor;
  input: { licenseIds: readonly string[] };
}): Promise<Map<string, ClientLicense>> {
  if (!actor.permissions.has("licenses:read") || input.licenseIds.length === 0) return new Map();
  const rows = await db().license.findMany({
    where: { id: { in: [...new Set(input.licenseIds)] }, ...customerScope(actor) },
    select: { id: true, keyHint: true, customer: { select: { id: true, name: true } } },
  });
  return new Map(rows.map((row) => [row.id, row]));
}
