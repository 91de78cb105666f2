// Browsers get pages, API clients get problem+json: wraps a download route so that a refused
// request from a browser (it asked for text/html) is sent to the portal's refusal page, which
// says what happened and what to do, instead of showing raw JSON or a cancelled download. A
// request without a customer session is sent to the customer sign-in. The wrapped route has
// already audited the refusal; only the answer changes.
import { env } from "@/lib/env";
import type { RouteHandler } from "@/lib/http/route";

const ARTIFACT_ID = /^art_[0-9a-f]{32}$/;
const REASON = /^[a-z_]{1,64}$/;

export function wantsHtml(req: Request): boolean {
  return (req.headers.get("accept") ?? "").toLowerCase().includes("text/html");
}

async function refusalReason(res: Response): Promise<string> {
  try {
    const doc = (await res.clone().json()) as { reason?: unknown; code?: unknown };
    const reason = typeof doc.reason === "string" ? doc.reason : doc.code;
    return typeof reason === "string" && REASON.test(reason) ? reason : "unavailable";
  } catch {
    return "unavailable";
  }
}

export function refusalPageUrl(reason: string, artifactId: string | null): URL {
  const url = new URL("/portal/downloads/refused", env().APP_URL);
  url.searchParams.set("reason", reason);
  if (artifactId && ARTIFACT_ID.test(artifactId)) url.searchParams.set("artifact", artifactId);
  return url;
}

export function withRefusalPages(route: RouteHandler): RouteHandler {
  const wrapped = async (...args: Parameters<RouteHandler>): Promise<Response> => {
    const [req] = args;
    const res = await route(...args);
    const problem = (res.headers.get("content-type") ?? "").includes("application/problem+json");
    if (res.status < 400 || !problem || !wantsHtml(req)) return res;
    const reason = await refusalReason(res);
    const artifactId = new URL(req.url).pathname.split("/").pop() ?? null;
    const location =
      res.status === 401
        ? new URL("/portal/signin", env().APP_URL)
        : refusalPageUrl(reason, artifactId);
    const headers = new Headers({ location: location.toString(), "cache-control": "no-store" });
    const requestId = res.headers.get("x-request-id");
    if (requestId) headers.set("x-request-id", requestId);
    return new Response(null, { status: 303, headers });
  };
  return Object.assign(wrapped, { spec: route.spec });
}
