import type { Actor } from "@/lib/authz/actor";
// The people of one customer, with their invitation state: for vendor staff on the customer's
// page and for the customer's own team page (the tenant is in the where clause).
import { db } from "@/lib/db/client";
import { parseInput, type Operation } from "@/lib/authz/operation";
import { z } from "zod";
import { authorizeCustomerAccess, findScopedCustomer } from "./customer-scope";

export interface CustomerMember {
  userId: string;
  email: string;
  name: string | null;
  role: "ADMIN" | "MEMBER";
  status: "ACTIVE" | "SUSPENDED";
  pending: boolean;
  invitedAt: Date | null;
  lastSignInAt: Date | null;
}

const listSchema = z.strictObject({ customerId: z.string().trim().min(1).max(64) });

export async function listCustomerMembers({
  actor,
  input,
}: Operation<z.input<typeof listSchema>, Actor>): Promise<CustomerMember[]> {
  authorizeCustomerAccess(actor, "read");
  const { customerId } = parseInput(listSchema, input);
  const customer = await findScopedCustomer(db(), actor, customerId);
  const rows = await db().customerMembership.findMany({
    where: { customerId: customer.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      role: true,
      invitedAt: true,
      user: {
        select: { id: true, email: true, name: true, status: true, lastSignInAt: true },
      },
    },
  });
  return rows.map((m) => ({
    userId: m.user.id,
    email: m.user.email,
    name: m.user.name,
    role: m.role,
    status: m.user.status,
    pending: m.invitedAt !== null && m.user.lastSignInAt === null,
    invitedAt: m.invitedAt,
    lastSignInAt: m.user.lastSignInAt,
  }));
}
