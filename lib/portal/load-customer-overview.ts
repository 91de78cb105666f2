// What a customer user sees on the portal's home: their organisation and its licenses (the
// tenant is in every where clause; no other customer's row can match) with status, expiry, the
// maintenance window and entitlements, and a notice for each license that needs attention.
import type { CustomerActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { effectiveStatus, type EffectiveStatus } from "@/lib/licensing/license-view";
import type { ExpiryBehavior } from "@/lib/generated/prisma/client";
import { licenseNotice, type LicenseNotice } from "./license-notice";
import { loadCustomerLicenses } from "./load-customer-licenses";

export interface PortalLicense {
  id: string;
  keyHint: string;
  effectiveStatus: EffectiveStatus;
  expiresAt: Date;
  expiryBehavior: ExpiryBehavior;
  // MAINTENANCE licenses keep receiving what was published until their expiry.
  maintenanceEndsAt: Date | null;
  maxMachines: number | null;
  products: {
    productId: string;
    name: string;
    slug: string;
    channels: string[];
    platforms: string[];
  }[];
  notice: LicenseNotice | null;
}

export function toPortalLicense(
  license: Awaited<ReturnType<typeof loadCustomerLicenses>>[number],
  now: Date,
): PortalLicense {
  return {
    id: license.id,
    keyHint: license.keyHint,
    effectiveStatus: effectiveStatus(license, now),
    expiresAt: license.expiresAt,
    expiryBehavior: license.expiryBehavior,
    maintenanceEndsAt: license.expiryBehavior === "MAINTENANCE" ? license.expiresAt : null,
    maxMachines: license.maxMachines,
    products: license.entitlements.map((e) => ({
      productId: e.productId,
      name: e.product.name,
      slug: e.product.slug,
      channels: e.channels,
      platforms: e.platforms,
    })),
    notice: licenseNotice(license, now),
  };
}

export async function loadCustomerOverview(actor: CustomerActor, now = new Date()) {
  const customer = await db().customer.findUniqueOrThrow({
    where: { id: actor.customerId },
    select: { name: true },
  });
  const licenses = await loadCustomerLicenses(actor);
  return { customerName: customer.name, licenses: licenses.map((l) => toPortalLicense(l, now)) };
}
