// Which requests belong to the staff surface, and whether an address may reach it. The staff
// portal and the staff APIs are reachable only from the configured networks (VPN, office);
// the customer portal, the agent API, OAuth token and download endpoints are not subject to it.
import { env } from "@/lib/env";
import { ipInCidrs, parseCidrs, type Cidr } from "@/lib/http/client-ip";

// Path prefixes that only staff use. Staff API routes elsewhere (e.g. release endpoints shared
// with the build pipeline) are covered by authenticateStaff, which applies the same check.
const STAFF_PREFIXES = ["/admin", "/mfa", "/api/admin", "/api/webauthn"];
const STAFF_PATHS = new Set([
  "/signin",
  "/api/auth/signin/staff-oidc",
  "/api/auth/callback/staff-oidc",
  "/api/auth/sessions",
]);

export function isStaffSurface(pathname: string): boolean {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  if (STAFF_PATHS.has(path)) return true;
  return STAFF_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

export function isAllowedStaffAddress(ip: string | null, allowlist: readonly Cidr[]): boolean {
  // No address means the request did not come through server.mjs: fail closed.
  return ip !== null && ipInCidrs(ip, allowlist);
}

let cached: { source: readonly string[]; cidrs: Cidr[] } | undefined;

export function staffAllowlist(): Cidr[] {
  const source = env().STAFF_IP_ALLOWLIST;
  if (cached?.source !== source) cached = { source, cidrs: parseCidrs(source) };
  return cached.cidrs;
}

export const NETWORK_BLOCKED_MESSAGE = "Access from your network is not allowed.";
