// The write half of assigning a role, shared by assignRole and by an approved four-eyes request:
// the assignment and its audit event (the user's role keys before and after) in the caller's
// transaction. The caller has already asked the policy.
import type { Tx } from "@/lib/db/client";
import { recordAudit, type AuditRequestInfo } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors/app-error";
import type { StaffActor } from "./actor";

export async function roleKeysOf(tx: Tx, userId: string): Promise<string[]> {
  const rows = await tx.roleAssignment.findMany({
    where: { userId },
    select: { role: { select: { key: true } } },
  });
  return rows.map((r) => r.role.key).sort();
}

export async function writeRoleAssignment(
  tx: Tx,
  args: {
    actor: StaffActor;
    request?: AuditRequestInfo;
    userId: string;
    roleId: string;
    approval?: { id: string; requestedById: string };
  },
): Promise<{ roles: string[] }> {
  const { actor, request, userId, roleId, approval } = args;
  const existing = await tx.roleAssignment.findUnique({
    where: { userId_roleId: { userId, roleId } },
    select: { id: true },
  });
  if (existing) throw new AppError("conflict", "The user already holds this role.");
  const before = await roleKeysOf(tx, userId);
  const assignment = await tx.roleAssignment.create({
    data: { userId, roleId, grantedById: actor.userId },
    select: { role: { select: { key: true } } },
  });
  const after = await roleKeysOf(tx, userId);
  await recordAudit(tx, {
    action: "users.roles_changed",
    actor,
    request,
    target: { type: "user", id: userId },
    before: { roles: before },
    after: { roles: after },
    metadata: {
      change: "assigned",
      role: assignment.role.key,
      ...(approval
        ? { approvalRequestId: approval.id, requestedById: approval.requestedById }
        : {}),
    },
  });
  return { roles: after };
}
