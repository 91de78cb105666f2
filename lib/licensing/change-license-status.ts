// The one path for a status transition (suspend, reinstate, revoke): lock the row, refuse a
// revoked license (revocation is terminal), apply the operation's own precondition, write the
// change and its audit event with before/after in the same transaction.
import type { AuditAction } from "@/lib/audit/actions";
import { recordAudit, type AuditRequestInfo } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { licenseSnapshot, toLicenseView, type LicenseView } from "./license-view";
import { lockLicense, refuseIfRevoked, reloadLicense } from "./lock-license";

type LockedLicense = Awaited<ReturnType<typeof lockLicense>>;

export async function changeLicenseStatus(input: {
  actor: Actor;
  request?: AuditRequestInfo;
  licenseId: string;
  reason?: string;
  action: AuditAction;
  // How the refusal of a revoked license reads: "suspended", "reinstated", "revoked again".
  verb: string;
  precondition?: (before: LockedLicense) => void;
  data: Prisma.LicenseUpdateInput;
}): Promise<LicenseView> {
  const { actor, licenseId } = input;
  const row = await db().$transaction(async (tx) => {
    const before = await lockLicense(tx, actor, licenseId);
    refuseIfRevoked(before, input.verb);
    input.precondition?.(before);
    await tx.license.update({ where: { id: licenseId }, data: input.data });
    const after = await reloadLicense(tx, licenseId);
    await recordAudit(tx, {
      action: input.action,
      actor,
      request: input.request,
      reason: input.reason,
      target: { type: "license", id: licenseId },
      before: licenseSnapshot(before),
      after: licenseSnapshot(after),
    });
    return after;
  });
  return toLicenseView(row);
}
