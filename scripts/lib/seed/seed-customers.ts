// Customers Globex (an active license) and Initech (an expired one), with encrypted contacts.
import type { Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { createCustomer } from "@/lib/licensing/create-customer";
import { createLicense } from "@/lib/licensing/create-license";

const DAY = 24 * 3600 * 1000;

const CUSTOMERS = [
  {
    slug: "globex",
    name: "Globex Corporation",
    contactName: "Hank Scorpio",
    contactEmail: "hank@globex.test",
    license: { expiresInDays: 365, maxMachines: 25 },
  },
  {
    slug: "initech",
    name: "Initech",
    contactName: "Bill Lumbergh",
    contactEmail: "bill@initech.test",
    license: { expiresInDays: -30, maxMachines: 10 },
  },
] as const;

export interface SeededCustomers {
  customerIds: Record<string, string>;
  licenseIds: Record<string, string>;
  newKeys: Record<string, string>;
}

export async function seedCustomers(
  actor: Actor,
  productId: string,
  now = new Date(),
): Promise<SeededCustomers> {
  const out: SeededCustomers = { customerIds: {}, licenseIds: {}, newKeys: {} };
  for (const c of CUSTOMERS) {
    const existing = await db().customer.findUnique({
      where: { slug: c.slug },
      include: { licenses: { select: { id: true } } },
    });
    const customerId =
      existing?.id ??
      (
        await createCustomer({
          actor,
          input: {
            slug: c.slug,
            name: c.name,
            contactName: c.contactName,
            contactEmail: c.contactEmail,
          },
        })
      ).id;
    out.customerIds[c.slug] = customerId;
    const licenseId = existing?.licenses[0]?.id;
    if (licenseId) {
      out.licenseIds[c.slug] = licenseId;
      continue;
    }
    const { license, key } = await createLicense({
      actor,
      input: {
        customerId,
        entitlements: [{ productId, channels: ["stable"] }],
        expiresAt: new Date(now.getTime() + c.license.expiresInDays * DAY).toISOString(),
        expiryBehavior: "ACCESS_STOPS",
        maxMachines: c.license.maxMachines,
        notes: "Demo license",
      },
    });
    out.licenseIds[c.slug] = license.id;
    out.newKeys[c.slug] = key;
  }
  return out;
}
