// The update check's one read: the license behind the API client (fresh on every check, so a
// suspension or revocation applies at the agent's next request), its entitlements to the
// products the agent asked about, and for each of those products the stamp of its published
// releases (release-catalogue.ts), the version line each product is pinned to (the license's own
// pin, else its customer's) and the customer's rollout groups, in a single statement.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db/client";
import type { ExpiryBehavior, LicenseStatus } from "@/lib/generated/prisma/client";
import { CATALOGUE_STAMP_SQL } from "./release-catalogue";

export interface CheckEntitlement {
  channels: string[];
  platforms: string[];
  product: { id: string; slug: string };
  catalogueStamp: string;
  // The semver range this license is held to for the product (VersionPin), or null.
  versionRange: string | null;
}

export interface CheckLicense {
  id: string;
  customerId: string;
  // The customer's rollout groups ("pilot"), for phases that admit named groups.
  rolloutGroups: string[];
  status: LicenseStatus;
  expiresAt: Date;
  expiryBehavior: ExpiryBehavior;
  maxMachines: number | null;
  entitlements: CheckEntitlement[];
}

interface Row {
  id: string;
  customerId: string;
  rolloutGroups: string[] | null;
  status: LicenseStatus;
  expiresAt: Date;
  expiryBehavior: ExpiryBehavior;
  maxMachines: number | null;
  entitlements: Array<{
    productId: string;
    slug: string;
    channels: string[];
    platforms: string[];
    stamp: string;
    pin: string | null;
  }>;
}

export async function loadCheckLicense(
  tx: Pick<Tx, "$queryRaw">,
  licenseId: string,
  customerId: string | null,
  productSlugs: readonly string[],
): Promise<CheckLicense | null> {
  const rows = await tx.$queryRaw<Row[]>`
    SELECT l."id", l."customerId", l."status"::text AS "status", l."expiresAt",
           (SELECT c."rolloutGroups" FROM "Customer" c WHERE c."id" = l."customerId") AS "rolloutGroups",
           l."expiryBehavior"::text AS "expiryBehavior", l."maxMachines",
           COALESCE((
             SELECT json_agg(json_build_object(
               'productId', p."id", 'slug', p."slug", 'channels', e."channels",
               'platforms', e."platforms", 'stamp', ${Prisma.raw(CATALOGUE_STAMP_SQL)},
               'pin', COALESCE(
                 (SELECT v."range" FROM "VersionPin" v
                   WHERE v."productId" = p."id" AND v."licenseId" = l."id"),
                 (SELECT v."range" FROM "VersionPin" v
                   WHERE v."productId" = p."id" AND v."customerId" = l."customerId"))))
             FROM "Entitlement" e JOIN "Product" p ON p."id" = e."productId"
             WHERE e."licenseId" = l."id" AND p."slug" = ANY(${[...productSlugs]}::text[])
           ), '[]'::json) AS "entitlements"
    FROM "License" l
    WHERE l."id" = ${licenseId} AND (${customerId}::text IS NULL OR l."customerId" = ${customerId})`;
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    customerId: row.customerId,
    rolloutGroups: row.rolloutGroups ?? [],
    status: row.status,
    expiresAt: row.expiresAt,
    expiryBehavior: row.expiryBehavior,
    maxMachines: row.maxMachines,
    entitlements: row.entitlements.map((e) => ({
      channels: e.channels,
      platforms: e.platforms,
      product: { id: e.productId, slug: e.slug },
      catalogueStamp: e.stamp,
      versionRange: e.pin,
    })),
  };
}
