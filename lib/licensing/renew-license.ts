import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { licenseSnapshot, toLicenseView, type LicenseView } from "./license-view";
import { lockLicense, refuseIfRevoked, reloadLicense } from "./lock-license";
import { invalid, parseInput, type Operation } from "@/lib/authz/operation";
import { renewLicenseSchema, type RenewLicenseInput } from "./renew-license.schema";

export async function renewLicense({
  actor,
  input,
  request,
}: Operation<RenewLicenseInput, Actor>): Promise<LicenseView> {
  authorize(actor, "licenses:write");
  const { licenseId, expiresAt, reason } = parseInput(renewLicenseSchema, input);
  const row = await db().$transaction(async (tx) => {
    const before = await lockLicense(tx, actor, licenseId);
    refuseIfRevoked(before, "renewed");
    if (expiresAt.getTime() <= before.expiresAt.getTime()) {
      throw invalid([{ path: "expiresAt", message: "must be later than the current expiry" }]);
    }
    await tx.license.update({ where: { id: licenseId }, data: { expiresAt } });
    const after = await reloadLicense(tx, licenseId);
    await recordAudit(tx, {
      action: "licenses.renewed",
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
