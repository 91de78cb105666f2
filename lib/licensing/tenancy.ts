// Customer data is fetched with the tenant in the where clause: staff and system jobs see every
// customer, a customer's own users and agents only their own. A miss is then a plain 404.
import type { Actor } from "@/lib/authz/actor";

export function customerScope(actor: Actor): { customerId?: string } {
  if (actor.type === "USER" && actor.kind === "CUSTOMER") return { customerId: actor.customerId };
  if ((actor.type === "SERVICE" || actor.type === "AGENT") && actor.customerId) {
    return { customerId: actor.customerId };
  }
  return {};
}

// For queries on Customer itself. Combine it with AND, never by spreading next to an `id`
// condition: a spread would replace the requested id with the actor's own.
export function customerIdScope(actor: Actor): { id?: string } {
  const { customerId } = customerScope(actor);
  return customerId ? { id: customerId } : {};
}
