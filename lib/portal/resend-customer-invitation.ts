import type { Actor } from "@/lib/authz/actor";
// Renews a pending invitation (Tollgate sends no email; the inviter passes the sign-in address
// on again). Audited so the customer's activity log shows who chased whom.
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { parseInput, type Operation } from "@/lib/authz/operation";
import { customerMemberSchema, type CustomerMemberInput } from "./customer-member.schema";
import { authorizeCustomerAccess, findScopedCustomer } from "./customer-scope";
import { findMembership } from "./find-membership";

export async function resendCustomerInvitation({
  actor,
  input,
  request,
}: Operation<CustomerMemberInput, Actor>): Promise<{ invitedAt: Date }> {
  authorizeCustomerAccess(actor, "manage");
  const { customerId, userId } = parseInput(customerMemberSchema, input);
  return db().$transaction(async (tx) => {
    const customer = await findScopedCustomer(tx, actor, customerId);
    const membership = await findMembership(tx, customer.id, userId);
    if (!membership.pending) {
      throw new AppError(
        "conflict",
        "This person has already signed in; there is nothing to resend.",
      );
    }
    const invitedAt = new Date();
    await tx.customerMembership.update({ where: { id: membership.id }, data: { invitedAt } });
    await recordAudit(tx, {
      action: "customers.invitation_resent",
      actor,
      request,
      target: { type: "customer", id: customer.id },
      metadata: { userId, email: membership.user.email, previousInvitedAt: membership.invitedAt },
    });
    return { invitedAt };
  });
}
