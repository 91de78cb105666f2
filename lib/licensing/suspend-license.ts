import { authorize } from "@/lib/authz/authorize";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/http/problem";
import { licenseSnapshot, toLicenseView, type LicenseView } from "./license-view";
import { lockLicense, refuseIfRevoked, reloadLicense } from "./lock-license";
import { parseInput, type OperationArgs } from "./operation";
import { suspendLicenseSchema, type SuspendLicenseInput } from "./suspend-license.schema";

// Agents are refused from their next request on: the update API reads the status every time.
export async function suspendLicense({
  actor,
  input,
  request,
}: OperationArgs<SuspendLicenseInput>): Promise<LicenseView> {
  authorize(actor, "licenses:suspend");
  const { licenseId, reason } = parseInput(suspendLicenseSchema, input);
  const row = await db().$transaction(async (tx) => {
    const before = await lockLicense(tx, actor, licenseId);
    refuseIfRevoked(before, "suspended");
    if (before.status === "SUSPENDED") {
      throw new AppError("conflict", "The license is already suspended.", {
        licenseStatus: before.status,
      });
    }
    await tx.license.update({
      where: { id: licenseId },
      data: { status: "SUSPENDED", suspendedAt: new Date() },
    });
    const after = await reloadLicense(tx, licenseId);
    await recordAudit(tx, {
      action: "licenses.suspended",
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
