import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { checkEntitlementTargets } from "./check-entitlement-targets";
import { licenseSnapshot, toLicenseView, type LicenseView } from "./license-view";
import { lockLicense, refuseIfRevoked, reloadLicense } from "./lock-license";
import { parseInput, type Operation } from "@/lib/authz/operation";
import { updateLicenseSchema, type UpdateLicenseInput } from "./update-license.schema";

export async function updateLicense({
  actor,
  input,
  request,
}: Operation<UpdateLicenseInput, Actor>): Promise<LicenseView> {
  authorize(actor, "licenses:write");
  const { licenseId, entitlements, ...fields } = parseInput(updateLicenseSchema, input);
  const row = await db().$transaction(async (tx) => {
    const before = await lockLicense(tx, actor, licenseId);
    refuseIfRevoked(before, "edited");
    if (entitlements) {
      await checkEntitlementTargets(tx, entitlements);
      await tx.entitlement.deleteMany({
        where: { licenseId, productId: { notIn: entitlements.map((e) => e.productId) } },
      });
      for (const e of entitlements) {
        const set = { channels: e.channels, platforms: e.platforms };
        await tx.entitlement.upsert({
          where: { licenseId_productId: { licenseId, productId: e.productId } },
          create: { licenseId, productId: e.productId, ...set },
          update: set,
        });
      }
    }
    await tx.license.update({ where: { id: licenseId }, data: fields });
    const after = await reloadLicense(tx, licenseId);
    await recordAudit(tx, {
      action: "licenses.updated",
      actor,
      request,
      target: { type: "license", id: licenseId },
      before: licenseSnapshot(before),
      after: licenseSnapshot(after),
    });
    return after;
  });
  return toLicenseView(row);
}
