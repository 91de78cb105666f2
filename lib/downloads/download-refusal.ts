// Every refused download is audited as downloads.refused with its reason and the principal the
// URL named, in a write of its own, and the error is marked audited so the guard chain does not
// record it a second time.
import type { Actor } from "@/lib/authz/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError, markAudited, type ErrorCode } from "@/lib/errors/app-error";
import type { RequestContext } from "@/lib/http/request-context";
import type { DownloadPrincipal } from "./download-url";

export interface DownloadRefusalContext {
  actor: Actor;
  ctx: RequestContext;
  artifactId: string;
  principal: DownloadPrincipal | null;
}

export async function auditedDownloadRefusal(
  context: DownloadRefusalContext,
  error: AppError,
  reason: string = typeof error.extra.reason === "string" ? error.extra.reason : error.code,
): Promise<AppError> {
  try {
    await recordAudit(db(), {
      action: "downloads.refused",
      actor: context.actor,
      request: context.ctx,
      result: error.status === 401 || error.status === 403 ? "DENIED" : "FAILURE",
      reason,
      target: { type: "artifact", id: context.artifactId.slice(0, 64) },
      metadata: { status: error.status, code: error.code, principal: context.principal },
    });
  } catch (auditError) {
    // The refusal stands; the guard chain tries to audit it again under its generic action.
    context.ctx.log.error({ err: auditError }, "could not audit a refused download");
    return error;
  }
  return markAudited(error);
}

export const downloadError = (
  reason: string,
  code: ErrorCode,
  message: string,
  headers?: Record<string, string>,
) => new AppError(code, message, { reason, ...(headers ? { headers } : {}) });
