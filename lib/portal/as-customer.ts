// Narrows the actor of a route or action declared `{ kind: "customer" }` (the guard chain has
// already authenticated a customer session; this makes the type say so, and refuses otherwise).
import type { Actor, CustomerActor } from "@/lib/authz/actor";
import { AppError } from "@/lib/errors/app-error";

export function asCustomer(actor: Actor): CustomerActor {
  if (actor.type === "USER" && actor.kind === "CUSTOMER") return actor;
  throw new AppError("forbidden", "This is for customer users only.");
}
