// Per-request facts every layer needs: a request id, the client's address (see client-ip.ts),
// its user agent, and a child logger carrying them.
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { env } from "@/lib/env";
import { requestLogger } from "@/lib/log";
import { parseCidrs, resolveClientIp, type Cidr } from "./client-ip";

// Set by server.mjs from the TCP socket; any client-sent copy is stripped there.
export const PEER_HEADER = "x-tollgate-peer";
export const REQUEST_ID_HEADER = "x-request-id";

export interface RequestContext {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
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

export function requestContext(headers: Headers): RequestContext {
  const given = headers.get(REQUEST_ID_HEADER);
  const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
  const ip = clientIpOf(headers);
  const userAgent = headers.get("user-agent");
  return { requestId, ip, userAgent, log: requestLogger({ requestId, ip, userAgent }) };
}
