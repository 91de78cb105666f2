import type { Actor } from "@/lib/authz/actor";
// Invites a person to one customer: a customer user (created if new) and a membership marked
// invited. The invited person then signs in through the customer identity provider; the sign-in
// policy admits them because they are a member. Tollgate sends no email: the inviter tells the
// person where to sign in, and the invitation stays pending until their first sign-in.
import { recordAudit } from "@/lib/audit/record-audit";
import { actorId } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { parseInput, type Operation } from "@/lib/authz/operation";
import { inviteCustomerUserSchema, type InviteCustomerUserInput } from "./customer-member.schema";
import { authorizeCustomerAccess, findScopedCustomer } from "./customer-scope";

export async function inviteCustomerUser({
  actor,
  input,
  request,
}: Operation<InviteCustomerUserInput, Actor>): Promise<{ userId: string; email: string }> {
  authorizeCustomerAccess(actor, "manage");
  const { customerId, email, name, role } = parseInput(inviteCustomerUserSchema, input);
  return db().$transaction(async (tx) => {
    const customer = await findScopedCustomer(tx, actor, customerId);
    const existing = await tx.user.findUnique({
      where: { email },
      select: { id: true, kind: true, memberships: { select: { customerId: true } } },
    });
    if (existing?.memberships.some((m) => m.customerId === customer.id)) {
      throw new AppError("conflict", "This person is already a user of this customer.", {
        errors: [{ path: "email", message: "is already a user of this customer" }],
      });
    }
    // A person is vendor staff or a customer user, never both; and a user of another customer
    // is that customer's business. Both get the same answer, which reveals neither.
    if (existing && (existing.kind !== "CUSTOMER" || existing.memberships.length > 0)) {
      throw new AppError("conflict", "This email address cannot be invited. Contact your vendor.", {
        errors: [{ path: "email", message: "cannot be invited" }],
      });
    }
    const user =
      existing ??
      (await tx.user.create({
        data: { email, name: name || null, kind: "CUSTOMER" },
        select: { id: true },
      }));
    const now = new Date();
    await tx.customerMembership.create({
      data: {
        userId: user.id,
        customerId: customer.id,
        role,
        invitedAt: now,
        invitedById: actorId(actor),
      },
    });
    await recordAudit(tx, {
      action: "customers.user_invited",
      actor,
      request,
      target: { type: "customer", id: customer.id },
      before: null,
      after: { email, role },
      metadata: { userId: user.id, email, role },
    });
    return { userId: user.id, email };
  });
}
