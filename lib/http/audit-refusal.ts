// Every refused request is in the audit trail (the threat model's "log all attempts, esp.
// failed ones"): who, from where, which route, and why. Server errors are logged, not audited.
import { ANONYMOUS, type Actor } from "@/lib/authz/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import type { AuditAction } from "@/lib/audit/actions";
import { markAudited, type AppError } from "@/lib/errors/app-error";
import type { RequestContext } from "./request-context";

function actionFor(error: AppError): AuditAction {
  if (error.code === "forbidden") return "access.denied";
  if (error.code === "rate_limited") return "ratelimit.exceeded";
  if (error.code === "unauthenticated") return "auth.session_rejected";
  return "request.rejected";
}

export async function auditRefusal(input: {
  route: string;
  error: AppError;
  actor: Actor | null;
  ctx: RequestContext;
}): Promise<void> {
  const { error, ctx } = input;
  if (error.status >= 500 || error.status === 404) return;
  // Refusals audited where they were decided (a policy refusal with its reason, a blocked
  // address, an earlier step of the chain) carry the mark; they are not recorded twice.
  if (error.audited) return;
  try {
    await recordAudit(db(), {
      action: actionFor(error),
      actor: input.actor ?? ANONYMOUS,
      request: ctx,
      result: error.status === 401 || error.status === 403 ? "DENIED" : "FAILURE",
      reason: error.message.slice(0, 500),
      target: { type: "route", id: input.route },
      metadata: {
        status: error.status,
        code: error.code,
        errors: error.extra.errors,
        permission: error.extra.permission,
      },
    });
    markAudited(error);
  } catch (auditError) {
    // The refusal stands either way; a failing audit write is an operational alarm.
    ctx.log.error({ err: auditError, route: input.route }, "could not audit a refused request");
  }
}
