// Server actions use the same staff check as route handlers: authenticateStaff (session, network,
// MFA, optional step-up, and the same-origin rule, since an action is always a POST) and then the
// permission. Refusals throw AppError; an action returns them to its form as a result (copy
// `extra.stepUpRequired` so the client's runWithStepUp can confirm and retry).
import { headers } from "next/headers";
import type { CustomerActor, StaffActor } from "@/lib/authz/actor";
import type { Permission } from "@/lib/authz/permissions";
import { requirePermission } from "@/lib/authz/require-permission";
import { requestContext } from "@/lib/http/request-context";
import { authenticateCustomer } from "./authenticate-customer";
import { authenticateStaff } from "./authenticate-staff";

export async function requireStaffAction(options: {
  permission: Permission;
  stepUp?: boolean;
}): Promise<StaffActor> {
  const h = await headers();
  const actor = await authenticateStaff(h, requestContext(h), {
    stepUp: options.stepUp ?? false,
    method: "POST",
  });
  requirePermission(actor, options.permission);
  return actor;
}

export async function requireCustomerAction(
  options: { membership?: "ADMIN" | "MEMBER" } = {},
): Promise<CustomerActor> {
  const h = await headers();
  return authenticateCustomer(h, requestContext(h), {
    membership: options.membership,
    method: "POST",
  });
}
