import { authorize } from "@/lib/authz/authorize";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { checkEntitlementTargets } from "./check-entitlement-targets";
import { createLicenseSchema, type CreateLicenseInput } from "./create-license.schema";
import { generateLicenseKey, licenseKeyColumns } from "./license-key";
import { licenseInclude, licenseSnapshot, toLicenseView, type LicenseView } from "./license-view";
import { parseInput, type OperationArgs } from "./operation";
import { customerIdScope } from "./tenancy";

// The key is returned here and never again in plaintext, except through an audited reveal.
export async function createLicense({
  actor,
  input,
  request,
}: OperationArgs<CreateLicenseInput>): Promise<{ license: LicenseView; key: string }> {
  authorize(actor, "licenses:write");
  const data = parseInput(createLicenseSchema, input);
  const key = generateLicenseKey();
  const license = await db().$transaction(async (tx) => {
    const customer = await tx.customer.findFirst({
      where: { AND: [{ id: data.customerId }, customerIdScope(actor)] },
      select: { id: true },
    });
    if (!customer) throw new AppError("not_found", "No such customer.");
    await checkEntitlementTargets(tx, data.entitlements);
    const row = await tx.license.create({
      data: {
        customerId: customer.id,
        ...licenseKeyColumns(key),
        expiresAt: data.expiresAt,
        expiryBehavior: data.expiryBehavior,
        maxMachines: data.maxMachines,
        notes: data.notes,
        entitlements: {
          create: data.entitlements.map((e) => ({
            productId: e.productId,
            channels: e.channels,
            platforms: e.platforms,
          })),
        },
      },
      include: licenseInclude,
    });
    await recordAudit(tx, {
      action: "licenses.created",
      actor,
      request,
      target: { type: "license", id: row.id },
      after: licenseSnapshot(row),
      metadata: { customerId: customer.id },
    });
    return row;
  });
  return { license: toLicenseView(license), key };
}
