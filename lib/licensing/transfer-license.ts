import { authorize } from "@/lib/authz/authorize";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError, type FieldError } from "@/lib/errors/app-error";
import { licenseSnapshot, toLicenseView, type LicenseView } from "./license-view";
import { lockLicense, refuseIfRevoked, reloadLicense } from "./lock-license";
import { invalid, parseInput, type OperationArgs } from "./operation";
import { transferLicenseSchema, type TransferLicenseInput } from "./transfer-license.schema";

export async function transferLicense({
  actor,
  input,
  request,
}: OperationArgs<TransferLicenseInput>): Promise<LicenseView> {
  authorize(actor, "licenses:write");
  const data = parseInput(transferLicenseSchema, input);
  const row = await db().$transaction(async (tx) => {
    const before = await lockLicense(tx, actor, data.licenseId);
    refuseIfRevoked(before, "transferred");
    const from = before.entitlements.find((e) => e.productId === data.fromProductId);
    if (!from) {
      throw invalid([{ path: "fromProductId", message: "the license has no entitlement for it" }]);
    }
    if (before.entitlements.some((e) => e.productId === data.toProductId)) {
      throw new AppError("conflict", "The license is already entitled to the target product.", {
        errors: [{ path: "toProductId", message: "already entitled" }],
      });
    }
    const channels = data.channels ?? from.channels;
    const target = await tx.product.findUnique({
      where: { id: data.toProductId },
      select: { channels: { select: { name: true } } },
    });
    if (!target) throw invalid([{ path: "toProductId", message: "no such product" }]);
    const known = new Set(target.channels.map((c) => c.name));
    const errors: FieldError[] = channels.flatMap((name, j) =>
      known.has(name)
        ? []
        : [{ path: `channels.${j}`, message: `the target product has no channel "${name}"` }],
    );
    if (errors.length) throw invalid(errors);
    await tx.entitlement.update({
      where: { id: from.id },
      data: {
        productId: data.toProductId,
        channels,
        platforms: data.platforms ?? from.platforms,
      },
    });
    const after = await reloadLicense(tx, data.licenseId);
    await recordAudit(tx, {
      action: "licenses.transferred",
      actor,
      request,
      reason: data.reason,
      target: { type: "license", id: data.licenseId },
      before: licenseSnapshot(before),
      after: licenseSnapshot(after),
      metadata: { fromProductId: data.fromProductId, toProductId: data.toProductId },
    });
    return after;
  });
  return toLicenseView(row);
}
