// Entitlement at download time, not only at check time: a URL handed out a minute ago stops
// working as soon as the license is suspended, revoked or expired, or the entitlement changes.
// An agent downloads under its own license; a customer-portal user under any license of their
// customer that entitles the artifact.
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  evaluateLicenseAccess,
  type AccessDeniedReason,
} from "@/lib/licensing/evaluate-license-access";

export interface DownloadTarget {
  productId: string;
  channel: string;
  platform: string;
  arch: string;
  publishedAt: Date | null;
}

export type DownloadHolder =
  { kind: "license"; licenseId: string } | { kind: "customer"; customerId: string };

export type DownloadAccess =
  { ok: true; licenseId: string } | { ok: false; reason: AccessDeniedReason };

export async function checkDownloadAccess(
  holder: DownloadHolder,
  target: DownloadTarget,
  now: Date = new Date(),
): Promise<DownloadAccess> {
  const where: Prisma.LicenseWhereInput =
    holder.kind === "license" ? { id: holder.licenseId } : { customerId: holder.customerId };
  const licenses = await db().license.findMany({
    where,
    select: {
      id: true,
      status: true,
      expiresAt: true,
      expiryBehavior: true,
      entitlements: {
        where: { productId: target.productId },
        select: { channels: true, platforms: true },
      },
    },
    orderBy: { createdAt: "asc" },
  });
  let denied: AccessDeniedReason = "product_not_entitled";
  for (const license of licenses) {
    const access = evaluateLicenseAccess({
      license,
      entitlement: license.entitlements[0] ?? null,
      channel: target.channel,
      platform: target.platform,
      arch: target.arch,
      now,
    });
    if (!access.ok) {
      denied = access.reason;
      continue;
    }
    // In the maintenance window only what was published while the license was current.
    const inWindow =
      access.publishedBefore === null ||
      (target.publishedAt !== null &&
        target.publishedAt.getTime() < access.publishedBefore.getTime());
    if (inWindow) return { ok: true, licenseId: license.id };
    denied = "license_expired";
  }
  return { ok: false, reason: denied };
}
