// The permission check for administration queries, audited like every other refusal.
import { auditedRefusal, type RefusalContext } from "./refusal";
import type { Permission } from "./permissions";

export async function requireStaffPermission(
  ctx: RefusalContext,
  permission: Permission,
  toDo: string,
): Promise<void> {
  if (!ctx.actor.permissions.has(permission)) {
    throw await auditedRefusal(ctx, `You need the permission ${permission} to ${toDo}.`);
  }
}
