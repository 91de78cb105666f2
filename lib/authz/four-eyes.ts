// Four-eyes: the permissions listed in FOUR_EYES_PERMISSIONS take effect only when a second
// staff member approves. An operation asks `requiresApproval(<the permission it exercises>)`;
// so FOUR_EYES_PERMISSIONS=roles:assign makes every role assignment wait for an approver.
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { isPermission, type Permission } from "./permissions";

// How long a request waits for a decision before it can no longer be approved.
export const APPROVAL_TTL_MS = 72 * 3600 * 1000;

let warned: readonly string[] | undefined;

export function fourEyesPermissions(): Set<Permission> {
  const configured = env().FOUR_EYES_PERMISSIONS;
  const unknown = configured.filter((p) => !isPermission(p));
  if (unknown.length && warned !== configured) {
    warned = configured;
    log.warn({ unknown }, "FOUR_EYES_PERMISSIONS names unknown permissions; they are ignored");
  }
  return new Set(configured.filter(isPermission));
}

export function requiresApproval(permission: Permission): boolean {
  return fourEyesPermissions().has(permission);
}
