import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { changeLicenseStatus } from "./change-license-status";
import type { LicenseView } from "./license-view";
import { parseInput, type Operation } from "@/lib/authz/operation";
import { revokeLicenseSchema, type RevokeLicenseInput } from "./revoke-license.schema";

// Terminal: a revoked license cannot be reinstated, edited, renewed or given a new key. Agents
// are refused from their next request on.
export async function revokeLicense({
  actor,
  input,
  request,
}: Operation<RevokeLicenseInput, Actor>): Promise<LicenseView> {
  authorize(actor, "licenses:revoke");
  const { licenseId, reason } = parseInput(revokeLicenseSchema, input);
  return changeLicenseStatus({
    actor,
    request,
    licenseId,
    reason,
    action: "licenses.revoked",
    verb: "revoked again",
    data: { status: "REVOKED", revokedAt: new Date() },
  });
}
