// A server action posted from another origin (CSRF). Next.js refuses it too, but by throwing,
// which answers 500 and records nothing; this refuses it first, in the proxy, as a 403 problem
// with an audit row. The rule is Next's own (action-handler.js): the Origin's host must equal
// the first X-Forwarded-Host, else the Host header; a request without Origin is left to Next
// (it cannot carry a victim's cookies cross-site). Pages accept POST only for server actions,
// so every POST outside /api is held to it, a no-JavaScript (multipart) form action included.
import type { NextRequest } from "next/server";
import { AppError } from "@/lib/errors/app-error";
import { auditRefusal } from "./audit-refusal";
import { problemResponse } from "./problem";
import { requestContext } from "./request-context";

function originHost(origin: string): string | null {
  if (origin === "null") return "null";
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

function isForeignOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === null) return false;
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  return !host || originHost(origin) !== host;
}

// `headers` are the request's, with the request id the proxy assigned.
export async function refuseCrossOriginAction(
  request: NextRequest,
  headers: Headers,
): Promise<Response | null> {
  if (request.method !== "POST" || request.nextUrl.pathname.startsWith("/api/")) return null;
  if (!isForeignOrigin(headers)) return null;
  const ctx = requestContext(headers);
  const error = new AppError("forbidden", "A server action must be posted from this site.", {
    origin: request.headers.get("origin")?.slice(0, 200),
  });
  ctx.log.warn({ status: 403, path: request.nextUrl.pathname }, "cross-origin action refused");
  await auditRefusal({ route: "action:cross-origin", error, actor: null, ctx });
  return problemResponse(error, ctx.requestId, request.nextUrl.pathname);
}
