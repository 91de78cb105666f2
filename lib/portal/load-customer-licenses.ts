// A customer's licenses with their entitlements, tenant in the where clause: the input of every
// portal page that decides what the customer may see or download.
import type { CustomerActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";

export async function loadCustomerLicenses(actor: CustomerActor) {
  return db().license.findMany({
    where: { customerId: actor.customerId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      keyHint: true,
      status: true,
      expiresAt: true,
      expiryBehavior: true,
      maxMachines: true,
      entitlements: {
        select: {
          productId: true,
          channels: true,
          platforms: true,
          product: { select: { slug: true, name: true } },
        },
        orderBy: { createdAt: "asc" },
      },
    },
  });
}

export type CustomerLicenseRow = Awaited<ReturnType<typeof loadCustomerLicenses>>[number];
