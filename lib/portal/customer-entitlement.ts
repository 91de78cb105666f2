// Whether any of a customer's licenses entitles one artifact, decided in memory for pages that
// list many artifacts at once (the same rules as lib/downloads/check-download-access, which the
// download itself re-checks against the database). Pure.
import {
  evaluateLicenseAccess,
  type AccessDeniedReason,
} from "@/lib/licensing/evaluate-license-access";
import type { ExpiryBehavior, LicenseStatus } from "@/lib/generated/prisma/client";

export interface CustomerLicense {
  id: string;
  status: LicenseStatus;
  expiresAt: Date;
  expiryBehavior: ExpiryBehavior;
  entitlements: { productId: string; channels: string[]; platforms: string[] }[];
}

export interface ArtifactTarget {
  productId: string;
  channel: string;
  platform: string;
  arch: string;
  publishedAt: Date | null;
}

export type EntitlementVerdict =
  { ok: true; licenseId: string } | { ok: false; reason: AccessDeniedReason };

// Reasons that say something about the customer's own license rank above "not entitled", so a
// page can tell an expired customer why rather than pretend the product is not theirs.
const RANK: Record<AccessDeniedReason, number> = {
  license_revoked: 3,
  license_suspended: 3,
  license_expired: 3,
  product_not_entitled: 0,
  channel_not_entitled: 1,
  platform_not_entitled: 2,
};

export function evaluateCustomerEntitlement(
  licenses: readonly CustomerLicense[],
  target: ArtifactTarget,
  now: Date,
): EntitlementVerdict {
  let denied: AccessDeniedReason = "product_not_entitled";
  for (const license of licenses) {
    const entitlement = license.entitlements.find((e) => e.productId === target.productId);
    if (!entitlement) continue;
    const access = evaluateLicenseAccess({
      license,
      entitlement,
      channel: target.channel,
      platform: target.platform,
      arch: target.arch,
      now,
    });
    let reason: AccessDeniedReason | null = access.ok ? null : access.reason;
    if (access.ok && access.publishedBefore !== null) {
      const inWindow =
        target.publishedAt !== null &&
        target.publishedAt.getTime() < access.publishedBefore.getTime();
      if (!inWindow) reason = "license_expired";
    }
    if (reason === null) return { ok: true, licenseId: license.id };
    if (RANK[reason] > RANK[denied]) denied = reason;
  }
  return { ok: false, reason: denied };
}
