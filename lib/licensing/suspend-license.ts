import { authorize } from "@/lib/authz/authorize";
import { AppError } from "@/lib/errors/app-error";
import { changeLicenseStatus } from "./change-license-status";
import type { LicenseView } from "./license-view";
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
  return changeLicenseStatus({
    actor,
    request,
    licenseId,
    reason,
    action: "licenses.suspended",
    verb: "suspended",
    precondition: (before) => {
      if (before.status === "SUSPENDED") {
        throw new AppError("conflict", "The license is already suspended.", {
          licenseStatus: before.status,
        });
      }
    },
    data: { status: "SUSPENDED", suspendedAt: new Date() },
  });
}
