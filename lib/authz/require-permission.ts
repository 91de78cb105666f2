import { AppError } from "@/lib/errors/app-error";
import type { Actor } from "./actor";
import type { Permission } from "./permissions";

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor, permission)) {
    throw new AppError("forbidden", `This requires the permission ${permission}.`, { permission });
  }
}
