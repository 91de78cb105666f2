// Every change to a license starts here: lock its row for the rest of the transaction, so that
// the before snapshot is what the change replaces and concurrent changes apply one at a time.
import type { Actor } from "@/lib/authz/actor";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { licenseInclude, type LicenseRow } from "./license-view";
import { customerScope } from "./tenancy";

export async function lockLicense(tx: Tx, actor: Actor, licenseId: string): Promise<LicenseRow> {
  await tx.$queryRaw`SELECT "id" FROM "License" WHERE "id" = ${licenseId} FOR UPDATE`;
  const license = await tx.license.findFirst({
    where: { id: licenseId, ...customerScope(actor) },
    include: licenseInclude,
  });
  if (!license) throw new AppError("not_found", "No such license.");
  return license;
}

export async function reloadLicense(tx: Tx, licenseId: string): Promise<LicenseRow> {
  return tx.license.findUniqueOrThrow({ where: { id: licenseId }, include: licenseInclude });
}

export function refuseIfRevoked(license: LicenseRow, doing: string): void {
  if (license.status === "REVOKED") {
    throw new AppError("conflict", `The license is revoked; it cannot be ${doing}.`, {
      licenseStatus: license.status,
    });
  }
}
