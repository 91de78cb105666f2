import type { Actor, StaffActor } from "@/lib/authz/actor";
import { AppError } from "@/lib/errors/app-error";

// The staff actions' guard has already authenticated a staff user; this narrows the type for the
// administration operations, which take a StaffActor only.
export function asStaff(actor: Actor): StaffActor {
  if (actor.type !== "USER" || actor.kind !== "STAFF")
    throw new AppError("forbidden", "This requires a staff user.");
  return actor;
}
