import { AppError } from "@/lib/errors/app-error";
import type { Actor } from "./actor";
import type { Permission } from "./permissions";

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

export function requirePermission(actor: Actor, permission: Permission, toDo?: string): void {
  if (!hasPermission(actor, permission)) {
    const message = toDo
      ? `You need the permission ${permission} to ${toDo}.`
      : `This requires the permission ${permission}.`;
    throw new AppError("forbidden", message, { permission });
  }
}
