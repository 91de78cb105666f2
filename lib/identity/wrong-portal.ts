// A signed-in user at the other portal's door: a customer user on the staff surface or a staff
// user on the customer portal. Refused with the user known, so the trail names who tried, and
// marked audited so the guard core does not record it again as an anonymous refusal.
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError, markAudited } from "@/lib/errors/app-error";
import type { RequestContext } from "@/lib/http/request-context";
import { actorForUser } from "./identity-actor";
import type { LiveSession, SessionUser } from "./resolve-session";

const REFUSALS = {
  // The staff surface refuses a customer user.
  STAFF: {
    reason: "staff_only",
    message: "This is for vendor staff only.",
    audit: "customer user on a staff page or API",
  },
  CUSTOMER: {
    reason: "customer_only",
    message: "This is for customer users only.",
    audit: "staff user on a customer page or API",
  },
} as const;

export async function wrongPortal(
  portal: "STAFF" | "CUSTOMER",
  user: SessionUser,
  session: LiveSession,
  ctx: RequestContext,
): Promise<AppError> {
  const refusal = REFUSALS[portal];
  const error = new AppError("forbidden", refusal.message, { reason: refusal.reason });
  await recordAudit(db(), {
    action: "access.denied",
    actor: await actorForUser(db(), user, session.id),
    request: ctx,
    result: "DENIED",
    reason: refusal.audit,
    target: { type: "route", id: ctx.path },
  });
  return markAudited(error);
}
