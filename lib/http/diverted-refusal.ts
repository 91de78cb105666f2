// Refusals server.mjs takes away from Next.js before it routes the request (a method the route
// does not export or the Fetch API forbids, a path that is not valid percent-encoding; see
// server.mjs). The proxy renders them here as problem+json and audits them like every refusal.
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { auditRefusal } from "./audit-refusal";
import { problemResponse } from "./problem";
import { requestContext } from "./request-context";

// Set only by server.mjs, which drops any copy a client sends.
export const REFUSAL_HEADER = "x-tollgate-refusal";

const divertedSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("method"), method: z.string(), path: z.string(), allow: z.string() }),
  z.object({ kind: z.literal("path"), method: z.string(), path: z.string() }),
]);

function errorFor(refusal: z.infer<typeof divertedSchema>): { route: string; error: AppError } {
  if (refusal.kind === "path")
    return {
      route: "http.malformed_path",
      error: new AppError("bad_request", "The request path is not valid percent-encoding.", {
        path: refusal.path,
      }),
    };
  return {
    route: "http.method_not_allowed",
    error: new AppError(
      "method_not_allowed",
      `${refusal.method} is not supported here; allowed: ${refusal.allow}.`,
      { method: refusal.method, allow: refusal.allow, headers: { allow: refusal.allow } },
    ),
  };
}

// The problem answer for a diverted request, or null when the request was not diverted.
export async function divertedRefusal(headers: Headers): Promise<Response | null> {
  const raw = headers.get(REFUSAL_HEADER);
  if (!raw) return null;
  const refusal = divertedSchema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
  const ctx = requestContext(headers);
  const { route, error } = errorFor(refusal);
  ctx.log.warn({ route, status: error.status, method: refusal.method }, "request refused");
  await auditRefusal({ route, error, actor: null, ctx });
  return problemResponse(error, ctx.requestId, refusal.path);
}
