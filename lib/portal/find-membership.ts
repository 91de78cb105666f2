// One membership of a customer, found by customer and user together (the tenant is part of the
// key): a user of another customer is a 404, exactly like a user who does not exist.
import type { Tx } from "@/lib/db/client";
import { notFound } from "./customer-scope";

export async function findMembership(
  tx: Pick<Tx, "customerMembership">,
  customerId: string,
  userId: string,
) {
  const membership = await tx.customerMembership.findUnique({
    where: { userId_customerId: { userId, customerId } },
    select: {
      id: true,
      role: true,
      invitedAt: true,
      user: { select: { id: true, email: true, lastSignInAt: true } },
    },
  });
  if (!membership) throw notFound("user");
  // Pending: invited and never signed in since (seeded or pre-existing members were not invited).
  return {
    ...membership,
    pending: membership.invitedAt !== null && membership.user.lastSignInAt === null,
  };
}
