// Refusals of administrative operations: audited as access.denied in a write of their own (the
// refused change's transaction rolls back, and the record of the attempt must survive it), then
// thrown as a 403 carrying the policy's reason.
import type { StaffActor } from "./actor";
import { recordAudit, type AuditRequestInfo } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError, markAudited } from "@/lib/errors/app-error";
import { log } from "@/lib/log";

export interface RefusalContext {
  actor: StaffActor;
  request?: AuditRequestInfo;
  // The operation's name, e.g. "roles.assign".
  operation: string;
  target?: { type: string; id: string | null };
  metadata?: Record<string, unknown>;
}

// Thrown inside a transaction to abandon it; turned into an audited 403 outside.
export class PolicyRefusal extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "PolicyRefusal";
  }
}

export async function auditedRefusal(ctx: RefusalContext, reason: string): Promise<AppError> {
  const error = new AppError("forbidden", reason);
  try {
    await recordAudit(db(), {
      action: "access.denied",
      actor: ctx.actor,
      request: ctx.request,
      result: "DENIED",
      reason: reason.slice(0, 500),
      target: ctx.target,
      metadata: { operation: ctx.operation, ...ctx.metadata },
    });
    markAudited(error);
  } catch (auditError) {
    // The refusal stands either way; the route guard will try to audit it again.
    log.error({ err: auditError, operation: ctx.operation }, "could not audit a refused operation");
  }
  return error;
}
