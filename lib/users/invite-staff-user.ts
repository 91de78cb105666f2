// An invitation lets someone whose email domain is not on the staff allowlist sign in through
// SSO: the first sign-in finds this user (invitedAt set) instead of refusing them. The invited
// user holds no roles until someone assigns one.
import { recordAudit } from "@/lib/audit/record-audit";
import { enforce, runAdminChange } from "@/lib/authz/admin-change";
import type { Operation } from "@/lib/authz/operation";
import { canInviteUser } from "@/lib/authz/policy";
import { AppError } from "@/lib/errors/app-error";
import { inviteStaffUserSchema, type InviteStaffUserInput } from "./invite-staff-user.schema";

export async function inviteStaffUser({
  actor,
  input,
  request,
}: Operation<InviteStaffUserInput>): Promise<{ id: string; email: string }> {
  const { email, name } = inviteStaffUserSchema.parse(input);
  const ctx = {
    actor,
    request,
    operation: "users.invite",
    target: { type: "user", id: null },
    metadata: { email },
  };
  return runAdminChange(ctx, async ({ tx, policyActor }) => {
    enforce(canInviteUser(policyActor));
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
      throw new AppError("conflict", "A user with this email already exists.", {
        errors: [{ path: "email", message: "already exists" }],
      });
    }
    const user = await tx.user.create({
      data: {
        email,
        name: name ?? null,
        kind: "STAFF",
        invitedAt: new Date(),
        invitedById: actor.userId,
      },
      select: { id: true, email: true, invitedAt: true },
    });
    await recordAudit(tx, {
      action: "users.invited",
      actor,
      request,
      target: { type: "user", id: user.id },
      before: null,
      after: { email: user.email, name: name ?? null, kind: "STAFF", status: "ACTIVE", roles: [] },
    });
    return { id: user.id, email: user.email };
  });
}
