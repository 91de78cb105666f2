// Per-request facts every layer needs: a request id, the client's address (see client-ip.ts),
// its user agent, and a child logger carrying them.
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { env } from "@/lib/env";
import { requestLogger } from "@/lib/log";
import { PATH_HEADER } from "@/lib/identity/requested-path";
import { parseCidrs, resolveClientIp, type Cidr } from "./client-ip";

// Set by server.mjs from the TCP socket; any client-sent copy is stripped there.
export const PEER_HEADER = "x-tollgate-peer";
export const REQUEST_ID_HEADER = "x-request-id";
// Set by proxy.ts (overwriting any client-sent copy), beside PATH_HEADER: the method of the
// original request, for server components and server actions, which are not told it.
export const METHOD_HEADER = "x-tollgate-method";

export interface RequestContext {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  // The HTTP access the audit trail records (path without its query string).
  method: string | null;
  path: string | null;
  log: Logger;
}

let trusted: { source: readonly string[]; cidrs: Cidr[] } | undefined;
function trustedProxies(): Cidr[] {
  const source = env().TRUSTED_PROXIES;
  if (trusted?.source !== source) trusted = { source, cidrs: parseCidrs(source) };
  return trusted.cidrs;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

export function clientIpOf(headers: Headers): string | null {
  return resolveClientIp(
    headers.get(PEER_HEADER),
    headers.get("x-forwarded-for"),
    trustedProxies(),
  );
}

const pathOnly = (value: string | null) =>
  value ? (value.split("?")[0] ?? "").slice(0, 1000) : null;

// A route handler passes its Request, whose method and URL are the real ones (some routes
// bypass proxy.ts); pages and actions have only the headers proxy.ts set.
export function requestContext(
  headers: Headers,
  request?: Pick<Request, "method" | "url">,
): RequestContext {
  const given = headers.get(REQUEST_ID_HEADER);
  const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
  const ip = clientIpOf(headers);
  const userAgent = headers.get("user-agent");
  const method = request?.method ?? headers.get(METHOD_HEADER);
  const path = pathOnly(request ? new URL(request.url).pathname : headers.get(PATH_HEADER));
  return {
    requestId,
    ip,
    userAgent,
    method,
    path,
    log: requestLogger({ requestId, ip, userAgent }),
  };
}
