// The VPN/IP allowlist in front of the staff surface (called by proxy.ts for every request).
// Requests to staff pages and staff APIs, and staff server actions posted to any page (Next.js
// forwards them to their owning page), from outside STAFF_IP_ALLOWLIST get a 403 (an HTML page
// or a problem document) and an auth.ip_blocked audit event. The client address is the TCP peer,
// or X-Forwarded-For only through a configured trusted proxy (lib/http/client-ip.ts). Customer
// routes, the agent API, OAuth and downloads are not staff surface and pass untouched.
import type { NextRequest } from "next/server";
import { AppError } from "@/lib/errors/app-error";
import { problemResponse } from "@/lib/http/problem";
import { clientIpOf } from "@/lib/http/request-context";
import { log } from "@/lib/log";
import {
  isAllowedStaffAddress,
  isStaffSurface,
  NETWORK_BLOCKED_MESSAGE,
  staffAllowlist,
} from "./network-policy";
import { recordIpBlocked } from "./record-auth-event";
import { isStaffAction } from "./staff-actions";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Static and script-free, so it renders under the page CSP without a nonce.
function blockedPage(requestId: string): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Access not allowed · Tollgate</title></head>
<body><main>
<h1>Access from your network is not allowed</h1>
<p>The Tollgate staff portal can only be reached from the company network or VPN. Connect to the VPN and try again.</p>
<p>If you are a customer, use the <a href="/portal">customer portal</a>.</p>
<p><small>Request id: ${escapeHtml(requestId)}</small></p>
</main></body></html>`;
  return new Response(html, {
    status: 403,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}

export async function staffNetworkGate(
  request: NextRequest,
  requestId: string,
): Promise<Response | null> {
  const path = request.nextUrl.pathname;
  const staffAction =
    request.method === "POST" && isStaffAction(request.headers.get("next-action"));
  if (!isStaffSurface(path) && !staffAction) return null;
  const ip = clientIpOf(request.headers);
  if (isAllowedStaffAddress(ip, staffAllowlist())) return null;
  const info = { requestId, ip, userAgent: request.headers.get("user-agent") };
  log.warn(
    { requestId, ip, path, staffAction },
    "staff surface blocked: address outside the allowlist",
  );
  try {
    await recordIpBlocked({ request: info, path: staffAction ? `${path} (staff action)` : path });
  } catch (error) {
    // The block stands either way; a failing audit write is an operational alarm.
    log.error({ err: error, requestId }, "could not audit a blocked address");
  }
  if (path.startsWith("/api/")) {
    return problemResponse(
      new AppError("forbidden", NETWORK_BLOCKED_MESSAGE, { networkBlocked: true }),
      requestId,
      path,
    );
  }
  return blockedPage(requestId);
}
