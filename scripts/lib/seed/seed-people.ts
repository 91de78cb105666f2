// Demo staff (with their built-in roles) and customer users (with their memberships).
import { ensureBuiltInRoles } from "@/lib/authz/built-in-roles";
import type { Tx } from "@/lib/db/client";
import { DEMO_USERS } from "../demo-users";

export async function seedPeople(tx: Tx, customerIds: Record<string, string>): Promise<void> {
  const roleIds = await ensureBuiltInRoles(tx);
  for (const person of DEMO_USERS) {
    if (person.kind === "outsider") continue; // exists only at the IdP: the app must refuse them
    const user = await tx.user.upsert({
      where: { email: person.email },
      create: {
        email: person.email,
        name: person.name,
        kind: person.kind === "staff" ? "STAFF" : "CUSTOMER",
      },
      update: {},
    });
    if (person.roleKey) {
      const roleId = roleIds[person.roleKey];
      if (!roleId) throw new Error(`Seed: unknown built-in role ${person.roleKey}`);
      await tx.roleAssignment.upsert({
        where: { userId_roleId: { userId: user.id, roleId } },
        create: { userId: user.id, roleId },
        update: {},
      });
    }
    if (person.customerSlug) {
      const customerId = customerIds[person.customerSlug];
      if (!customerId) throw new Error(`Seed: unknown customer ${person.customerSlug}`);
      await tx.customerMembership.upsert({
        where: { userId_customerId: { userId: user.id, customerId } },
        create: { userId: user.id, customerId, role: "ADMIN" },
        update: {},
      });
    }
  }
}
