// The permission check domain operations run. It is requirePermission, except that a SYSTEM
// actor passes: system jobs (the dev seed, key re-encryption, scheduled tasks) are not requests
// from a user or a client, they run with the operator's own access to the database and are still
// audited under their system label. The refusal is not audited here: the adapter that called the
// operation (defineRoute, defineAction, a page guard) audits it once, with its route.
import type { Actor } from "./actor";
import type { Permission } from "./permissions";
import { requirePermission } from "./require-permission";

// `toDo` words the refusal for a person ("view roles": "You need the permission roles:read to
// view roles.").
export function authorize(actor: Actor, permission: Permission, toDo?: string): void {
  if (actor.type === "SYSTEM") return;
  requirePermission(actor, permission, toDo);
}
