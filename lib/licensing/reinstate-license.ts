import { authorize } from "@/lib/authz/authorize";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/problem";
import { licenseSnapshot, toLicenseView, type LicenseView } from "./license-view";
import { lockLicense, refuseIfRevoked, reloadLicense } from "./lock-license";
import { parseInput, type OperationArgs } from "./operation";
import { reinstateLicenseSchema, type ReinstateLicenseInput } from "./reinstate-license.schema";

// Only a suspension can be undone; revocation is terminal.
export async function reinstateLicense({
  actor,
  input,
  request,
}: OperationArgs<ReinstateLicenseInput>): Promise<LicenseView> {
  authorize(actor, "licenses:suspend");
  const { licenseId, reason } = parseInput(reinstateLicenseSchema, input);
  const row = await db().$transaction(async (tx) => {
    const before = await lockLicense(tx, actor, licenseId);
    refuseIfRevoked(before, "reinstated");
    if (before.status !== "SUSPENDED") {
      throw new AppError("conflict", "The license is not suspended.", {
        licenseStatus: before.status,
      });
    }
    await tx.license.update({
      where: { id: licenseId },
      data: { status: "ACTIVE", suspendedAt: null },
    });
    const after = await reloadLicense(tx, licenseId);
    await recordAudit(tx, {
      action: "licenses.reinstated",
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
