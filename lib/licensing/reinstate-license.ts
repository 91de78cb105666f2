import { authorize } from "@/lib/authz/authorize";
import { AppError } from "@/lib/errors/app-error";
import { changeLicenseStatus } from "./change-license-status";
import type { LicenseView } from "./license-view";
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
  return changeLicenseStatus({
    actor,
    request,
    licenseId,
    reason,
    action: "licenses.reinstated",
    verb: "reinstated",
    precondition: (before) => {
      if (before.status !== "SUSPENDED") {
        throw new AppError("conflict", "The license is not suspended.", {
          licenseStatus: before.status,
        });
      }
    },
    data: { status: "ACTIVE", suspendedAt: null },
  });
}
