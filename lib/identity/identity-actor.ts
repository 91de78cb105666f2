// Actors for identity events and guards: who a signed-in user is, with the roles and effective
// permissions they hold right now (the audit trail snapshots them).
import type { CustomerActor, StaffActor } from "@/lib/authz/actor";
import { ANONYMOUS, type Actor } from "@/lib/authz/actor";
import { loadUserAuthorization } from "@/lib/authz/load-user-authorization";
import type { Tx } from "@/lib/db/client";

type Reader = Pick<Tx, "user" | "customerMembership">;

export interface IdentityUser {
  id: string;
  email: string;
  kind: "STAFF" | "CUSTOMER";
}

export async function staffActorFor(
  db: Reader,
  user: { id: string; email: string },
  session: { id: string | null; stepUpAt: Date | null },
): Promise<StaffActor> {
  const authz = await loadUserAuthorization(db, user.id);
  const active = authz?.status === "ACTIVE";
  return {
    type: "USER",
    kind: "STAFF",
    userId: user.id,
    email: user.email,
    sessionId: session.id,
    roles: authz?.roles ?? [],
    // A suspended user holds nothing, whatever their roles say.
    permissions: active && authz ? authz.permissions : new Set(),
    stepUpAt: session.stepUpAt,
  };
}

export async function customerActorFor(
  db: Reader,
  user: { id: string; email: string },
  sessionId: string | null,
): Promise<CustomerActor | null> {
  // The oldest membership is the customer the portal shows; people who belong to several
  // customers are rare and get a switcher when the customer portal needs one.
  const membership = await db.customerMembership.findFirst({
    where: { userId: user.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { customerId: true, role: true },
  });
  if (!membership) return null;
  return {
    type: "USER",
    kind: "CUSTOMER",
    userId: user.id,
    email: user.email,
    sessionId,
    customerId: membership.customerId,
    membershipRole: membership.role,
    roles: [`customer_${membership.role.toLowerCase()}`],
    permissions: new Set(),
  };
}

export async function actorForUser(
  db: Reader,
  user: IdentityUser,
  sessionId: string | null,
): Promise<Actor> {
  if (user.kind === "STAFF") return staffActorFor(db, user, { id: sessionId, stepUpAt: null });
  return (await customerActorFor(db, user, sessionId)) ?? ANONYMOUS;
}
