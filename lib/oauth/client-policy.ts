// Who may give an API client which scopes. Vendor staff go through the anti-escalation policy
// (lib/authz/policy: a pipeline gets only what its creator holds, an agent only agent scopes);
// SYSTEM jobs (the dev seed) run with the operator's own access. Nobody else manages clients.
import type { Actor } from "@/lib/authz/actor";
import { canSetClientScopes } from "@/lib/authz/policy";
import type { Permission } from "@/lib/authz/permissions";
import { AppError } from "@/lib/errors/app-error";
import type { ApiClientKindName } from "./client-scopes";

export function assertMayGrantClientScopes(
  actor: Actor,
  input: { kind: ApiClientKindName; scopes: readonly Permission[] },
): void {
  if (actor.type === "SYSTEM") return;
  if (actor.type !== "USER" || actor.kind !== "STAFF") {
    throw new AppError("forbidden", "Only vendor staff can manage API clients.");
  }
  const decision = canSetClientScopes(actor, input);
  if (!decision.allowed) throw new AppError("forbidden", decision.reason);
}
