// The name of the signed-in customer user's own organisation, for the portal's frame.
import type { CustomerActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";

export async function getPortalCustomerName(actor: CustomerActor): Promise<string> {
  const customer = await db().customer.findUniqueOrThrow({
    where: { id: actor.customerId },
    select: { name: true },
  });
  return customer.name;
}
