// The permission check domain operations run. It is requirePermission, except that a SYSTEM
// actor passes: system jobs (the dev seed, key re-encryption, scheduled tasks) are not requests
// from a user or a client, they run with the operator's own access to the database and are still
// audited under their system label.
import type { Actor } from "./actor";
import type { Permission } from "./permissions";
import { requirePermission } from "./require-permission";

export function authorize(actor: Actor, permission: Permission): void {
  if (actor.type === "SYSTEM") return;
  requirePermission(actor, permission);
}
