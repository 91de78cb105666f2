import { AppError } from "@/lib/errors/app-error";
import { problemResponse } from "@/lib/http/problem";
import type { RequestContext } from "@/lib/http/request-context";
import { json } from "@/lib/http/route";
import type { CeremonyResult } from "./ceremony-result";

export function ceremonyResponse<T>(
  result: CeremonyResult<T>,
  req: Request,
  ctx: RequestContext,
): Response {
  if (result.ok) return json(result.value);
  return problemResponse(
    new AppError(result.code, result.message),
    ctx.requestId,
    new URL(req.url).pathname,
  );
}

// These routes serve a staff session that may still be waiting for its second factor, which no
// Access kind describes: they declare "public" and authenticate the session themselves.
export const CEREMONY_ACCESS = {
  kind: "public",
  reason:
    "WebAuthn ceremony of a signed-in staff session (authenticated in the handler, second factor may be pending)",
} as const;
