import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { generateLicenseKey, licenseKeyColumns } from "./license-key";
import { licenseSnapshot, toLicenseView, type LicenseView } from "./license-view";
import { lockLicense, refuseIfRevoked, reloadLicense } from "./lock-license";
import { parseInput, type Operation } from "@/lib/authz/operation";
import { rotateLicenseKeySchema, type RotateLicenseKeyInput } from "./rotate-license-key.schema";

// The old key stops matching at once (its hash is gone); the new one is returned only here.
export async function rotateLicenseKey({
  actor,
  input,
  request,
}: Operation<RotateLicenseKeyInput, Actor>): Promise<{ license: LicenseView; key: string }> {
  authorize(actor, "licenses:reveal_key");
  const { licenseId, reason } = parseInput(rotateLicenseKeySchema, input);
  const key = generateLicenseKey();
  const row = await db().$transaction(async (tx) => {
    const before = await lockLicense(tx, actor, licenseId);
    refuseIfRevoked(before, "given a new key");
    await tx.license.update({ where: { id: licenseId }, data: licenseKeyColumns(key) });
    const after = await reloadLicense(tx, licenseId);
    await recordAudit(tx, {
      action: "licenses.key_rotated",
      actor,
      request,
      reason,
      target: { type: "license", id: licenseId },
      before: licenseSnapshot(before),
      after: licenseSnapshot(after),
    });
    return after;
  });
  return { license: toLicenseView(row), key };
}
