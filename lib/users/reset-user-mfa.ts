// The recovery path for a lost security key: the user's WebAuthn credentials go, and so do their
// sessions, so the next sign-in enrolls a new key before anything else.
import { recordAudit } from "@/lib/audit/record-audit";
import { enforce, runAdminChange } from "@/lib/authz/admin-change";
import { parseInput, type Operation } from "@/lib/authz/operation";
import { canResetMfa } from "@/lib/authz/policy";
import { userIdSchema, type UserIdInput } from "./user-id.schema";

export async function resetUserMfa({
  actor,
  input,
  request,
}: Operation<UserIdInput>): Promise<{ credentialsRemoved: number; sessionsRevoked: number }> {
  const { userId } = parseInput(userIdSchema, input);
  const ctx = {
    actor,
    request,
    operation: "users.reset_mfa",
    target: { type: "user", id: userId },
  };
  return runAdminChange(ctx, async ({ tx, state, policyActor }) => {
    enforce(canResetMfa(policyActor, state, { userId }));
    const before = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { mfaEnrolledAt: true, webauthnCredentials: { select: { id: true, name: true } } },
    });
    const credentials = await tx.webAuthnCredential.deleteMany({ where: { userId } });
    const sessions = await tx.session.deleteMany({ where: { userId } });
    await tx.user.update({ where: { id: userId }, data: { mfaEnrolledAt: null } });
    await recordAudit(tx, {
      action: "auth.mfa_reset",
      actor,
      request,
      target: { type: "user", id: userId },
      before: { mfaEnrolledAt: before.mfaEnrolledAt, credentials: before.webauthnCredentials },
      after: { mfaEnrolledAt: null, credentials: [], sessionsRevoked: sessions.count },
    });
    return { credentialsRemoved: credentials.count, sessionsRevoked: sessions.count };
  });
}
