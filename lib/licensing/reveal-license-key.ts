import { authorize } from "@/lib/authz/authorize";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { decryptLicenseKey } from "./license-key";
import { parseInput, type OperationArgs } from "./operation";
import { revealLicenseKeySchema, type RevealLicenseKeyInput } from "./reveal-license-key.schema";
import { customerScope } from "./tenancy";

// Reading a key is itself an event: the audit row is written in the same transaction as the
// read, so no key is ever shown without its record.
export async function revealLicenseKey({
  actor,
  input,
  request,
}: OperationArgs<RevealLicenseKeyInput>): Promise<{ licenseId: string; key: string }> {
  authorize(actor, "licenses:reveal_key");
  const { licenseId, reason } = parseInput(revealLicenseKeySchema, input);
  return db().$transaction(async (tx) => {
    const license = await tx.license.findFirst({
      where: { id: licenseId, ...customerScope(actor) },
      select: { id: true, keyCiphertext: true, keyHint: true, status: true },
    });
    if (!license) throw new AppError("not_found", "No such license.");
    await recordAudit(tx, {
      action: "licenses.key_revealed",
      actor,
      request,
      reason,
      target: { type: "license", id: license.id },
      metadata: { keyHint: license.keyHint, licenseStatus: license.status },
    });
    return { licenseId: license.id, key: decryptLicenseKey(license.keyCiphertext) };
  });
}
