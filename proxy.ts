// The design's middleware. Next.js 16 renamed middleware.ts to proxy.ts (same role, Node
// runtime); it runs before every page and API request. It assigns the request id, sets the
// per-request CSP nonce for pages, and keeps the staff surface behind the network allowlist.
import { NextResponse, type NextRequest } from "next/server";
import { API_CSP, pageCsp } from "@/lib/security/csp";
import { staffNetworkGate } from "@/lib/identity/staff-network-gate";

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

function oidcOrigins(): string[] {
  return [process.env.OIDC_ISSUER, process.env.CUSTOMER_OIDC_ISSUER]
    .filter((v): v is string => Boolean(v))
    .map((v) => new URL(v).origin);
}

export async function proxy(request: NextRequest) {
  const given = request.headers.get("x-request-id");
  const requestId = given && REQUEST_ID.test(given) ? given : crypto.randomUUID();
  const isApi = request.nextUrl.pathname.startsWith("/api/");
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = isApi
    ? API_CSP
    : pageCsp(nonce, { dev: process.env.NODE_ENV !== "production", formActions: oidcOrigins() });

  const blocked = await staffNetworkGate(request, requestId);
  if (blocked) {
    blocked.headers.set("x-request-id", requestId);
    blocked.headers.set("Content-Security-Policy", isApi ? API_CSP : csp);
    return blocked;
  }

  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  headers.set("x-nonce", nonce);
  // Server components are not told their URL; the page guards use it to return a user to the
  // page they asked for after signing in or passing MFA.
  headers.set("x-tollgate-path", request.nextUrl.pathname + request.nextUrl.search);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

// Artifact uploads (…/releases/{id}/artifacts/…) bypass the proxy: Next.js buffers (and past
// 10 MB truncates) the body of any request its proxy sees. Those routes set their own request id,
// and the guard core applies the staff network allowlist itself. Every other release route,
// creating, publishing and yanking included, goes through the proxy like any other request.
// The routes a fleet hits (health, token, update check, downloads) bypass it too: they are not
// staff surface, their guard chain sets the request id, next.config.js sets their CSP, and the
// proxy's per-request work cost them throughput (docs/benchmarks.md).
export const config = {
  matcher: [
    {
      source:
        "/((?!_next/static|_next/image|favicon.ico|api/releases/[^/]+/artifacts/|api/admin/releases/[^/]+/artifacts/|api/health$|api/oauth/token$|api/update$|api/downloads/).*)",
    },
  ],
};
