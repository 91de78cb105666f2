// Who may manage API clients and give them which scopes. Vendor staff hold api_clients:write and
// go through the anti-escalation policy (lib/authz/policy: a pipeline gets only what its creator
// holds, an agent only agent scopes); SYSTEM jobs (the dev seed) run with the operator's own
// access. A customer's administrator manages the update agents of their own customer's licenses
// (the operations put the customer in their where clauses); nobody else manages clients.
import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { canSetClientScopes } from "@/lib/authz/policy";
import type { Permission } from "@/lib/authz/permissions";
import { AppError } from "@/lib/errors/app-error";
import type { ApiClientKindName } from "./client-scopes";

export function authorizeClientManagement(actor: Actor): void {
  if (actor.type === "USER" && actor.kind === "CUSTOMER") {
    if (actor.membershipRole !== "ADMIN") {
      throw new AppError(
        "forbidden",
        "Managing update agents requires the customer administrator role.",
      );
    }
    return;
  }
  authorize(actor, "api_clients:write");
}

export function assertMayGrantClientScopes(
  actor: Actor,
  input: { kind: ApiClientKindName; scopes: readonly Permission[] },
): void {
  if (actor.type === "SYSTEM") return;
  // Customers get update agents only; the schema already limits an agent to agent scopes.
  if (actor.type === "USER" && actor.kind === "CUSTOMER" && input.kind === "AGENT") return;
  if (actor.type !== "USER" || actor.kind !== "STAFF") {
    throw new AppError("forbidden", "Only vendor staff can manage API clients.");
  }
  const decision = canSetClientScopes(actor, input);
  if (!decision.allowed) throw new AppError("forbidden", decision.reason);
}
