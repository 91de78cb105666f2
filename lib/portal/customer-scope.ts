// Who may act on one customer's people and credentials, and the tenant condition every query
// then carries. Vendor staff act on any customer with their permission; a customer user only on
// their own customer, and a customer id that is not theirs is a 404 (it does not confirm that
// the customer exists). Customer administrators manage; members only read.
import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import type { Permission } from "@/lib/authz/permissions";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { customerIdScope } from "@/lib/licensing/tenancy";

export type CustomerAccess = "read" | "manage";

const STAFF_PERMISSION: Record<CustomerAccess, Permission> = {
  read: "customers:read",
  manage: "customers:write",
};

export function notFound(what = "customer"): AppError {
  return new AppError("not_found", `No such ${what}.`);
}

export function authorizeCustomerAccess(actor: Actor, access: CustomerAccess): void {
  if (actor.type === "USER" && actor.kind === "CUSTOMER") {
    if (access === "manage" && actor.membershipRole !== "ADMIN") {
      throw new AppError("forbidden", "This requires the customer administrator role.");
    }
    return;
  }
  if (actor.type === "USER" || actor.type === "SYSTEM") {
    authorize(actor, STAFF_PERMISSION[access]);
    return;
  }
  throw new AppError("forbidden", "Only people manage a customer's users.");
}

// The customer, found with the actor's tenant in the where clause.
export async function findScopedCustomer(
  tx: Pick<Tx, "customer">,
  actor: Actor,
  customerId: string,
): Promise<{ id: string; name: string; slug: string }> {
  const customer = await tx.customer.findFirst({
    where: { AND: [{ id: customerId }, customerIdScope(actor)] },
    select: { id: true, name: true, slug: true },
  });
  if (!customer) throw notFound();
  return customer;
}
