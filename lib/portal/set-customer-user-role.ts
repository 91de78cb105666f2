import type { Actor } from "@/lib/authz/actor";
// Makes a customer user that customer's administrator, or a member again. An administrator
// cannot demote themselves (the customer could be left with nobody to manage it).
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { parseInput, type Operation } from "@/lib/authz/operation";
import { setCustomerUserRoleSchema, type SetCustomerUserRoleInput } from "./customer-member.schema";
import { authorizeCustomerAccess, findScopedCustomer } from "./customer-scope";
import { findMembership } from "./find-membership";

export async function setCustomerUserRole({
  actor,
  input,
  request,
}: Operation<SetCustomerUserRoleInput, Actor>): Promise<{ role: "ADMIN" | "MEMBER" }> {
  authorizeCustomerAccess(actor, "manage");
  const { customerId, userId, role } = parseInput(setCustomerUserRoleSchema, input);
  return db().$transaction(async (tx) => {
    const customer = await findScopedCustomer(tx, actor, customerId);
    const membership = await findMembership(tx, customer.id, userId);
    if (actor.type === "USER" && actor.userId === userId && role !== membership.role) {
      throw new AppError("conflict", "You cannot change your own role; ask another administrator.");
    }
    if (membership.role === role) return { role };
    await tx.customerMembership.update({ where: { id: membership.id }, data: { role } });
    await recordAudit(tx, {
      action: "customers.user_role_changed",
      actor,
      request,
      target: { type: "customer", id: customer.id },
      before: { role: membership.role },
      after: { role },
      metadata: { userId, email: membership.user.email },
    });
    return { role };
  });
}
