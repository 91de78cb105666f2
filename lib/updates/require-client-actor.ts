// Routes declared with `access: { kind: "client" }` are only ever reached by an OAuth2 client;
// this narrows the guard chain's Actor to that type (and refuses anything else, should a route
// be misdeclared).
import type { Actor, ClientActor } from "@/lib/authz/actor";
import { AppError } from "@/lib/errors/app-error";

export function requireClientActor(actor: Actor): ClientActor {
  if (actor.type === "AGENT" || actor.type === "SERVICE") return actor;
  throw new AppError("forbidden", "This API is for OAuth2 clients (update agents).");
}
