import { authorize } from "@/lib/authz/authorize";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { licenseSnapshot, toLicenseView, type LicenseView } from "./license-view";
import { lockLicense, refuseIfRevoked, reloadLicense } from "./lock-license";
import { parseInput, type OperationArgs } from "./operation";
import { revokeLicenseSchema, type RevokeLicenseInput } from "./revoke-license.schema";

// Terminal: a revoked license cannot be reinstated, edited, renewed or given a new key. Agents
// are refused from their next request on.
export async function revokeLicense({
  actor,
  input,
  request,
}: OperationArgs<RevokeLicenseInput>): Promise<LicenseView> {
  authorize(actor, "licenses:revoke");
  const { licenseId, reason } = parseInput(revokeLicenseSchema, input);
  const row = await db().$transaction(async (tx) => {
    const before = await lockLicense(tx, actor, licenseId);
    refuseIfRevoked(before, "revoked again");
    await tx.license.update({
      where: { id: licenseId },
      data: { status: "REVOKED", revokedAt: new Date() },
    });
    const after = await reloadLicense(tx, licenseId);
    await recordAudit(tx, {
      action: "licenses.revoked",
      actor,
      request,
      reason,
      target: { type: "license", id: licenseId },
      before: licenseSnapshot(before),
      after: licenseSnapshot(after),
    });
    return after;
  });
  return toLicenseView(row);
}
