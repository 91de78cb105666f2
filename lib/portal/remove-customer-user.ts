// Removes a person from a customer. A pending invitation is revoked (and the user row goes too
// when the invitation was all it was for); an accepted membership is removed and every session
// of that user ends in the same transaction, so the next request they make is signed out.
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { parseInput, type Operation } from "@/lib/authz/operation";
import { customerMemberSchema, type CustomerMemberInput } from "./customer-member.schema";
import { authorizeCustomerAccess, findScopedCustomer } from "./customer-scope";
import { findMembership } from "./find-membership";

function isSelf(actor: Actor, userId: string): boolean {
  return actor.type === "USER" && actor.userId === userId;
}

export async function removeCustomerUser({
  actor,
  input,
  request,
}: Operation<CustomerMemberInput, Actor>): Promise<{ removed: "invitation" | "user" }> {
  authorizeCustomerAccess(actor, "manage");
  const { customerId, userId } = parseInput(customerMemberSchema, input);
  return db().$transaction(async (tx) => {
    const customer = await findScopedCustomer(tx, actor, customerId);
    const membership = await findMembership(tx, customer.id, userId);
    if (isSelf(actor, userId)) {
      throw new AppError("conflict", "You cannot remove yourself; ask another administrator.");
    }
    await tx.customerMembership.delete({ where: { id: membership.id } });
    const sessions = await tx.session.deleteMany({ where: { userId } });
    const user = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { _count: { select: { memberships: true, accounts: true } } },
    });
    // An invitation nobody used leaves no trace but the audit trail.
    const dropUser =
      membership.pending && user._count.memberships === 0 && user._count.accounts === 0;
    if (dropUser) await tx.user.delete({ where: { id: userId } });
    await recordAudit(tx, {
      action: membership.pending ? "customers.invitation_revoked" : "customers.user_removed",
      actor,
      request,
      target: { type: "customer", id: customer.id },
      before: { email: membership.user.email, role: membership.role, pending: membership.pending },
      after: null,
      metadata: { userId, email: membership.user.email, sessionsEnded: sessions.count },
    });
    return { removed: membership.pending ? "invitation" : "user" };
  });
}
