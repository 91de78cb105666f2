// Which counters each policy draws from. Limits are per minute and come from the environment;
// keys name what is counted so that policies never share a counter.
import ipaddr from "ipaddr.js";
import type { Actor } from "@/lib/authz/actor";
import { env, type Env } from "@/lib/env";
import type { RequestContext } from "@/lib/http/request-context";
import type { LimitWindow } from "./limiter";

export type RateLimitPolicy =
  // The token endpoint: per source address, the strictest limit.
  | "token"
  // Update checks and downloads: per API client.
  | "update"
  // Any caller, per source address.
  | "ip"
  // Per API client, for the pipeline's routes.
  | "client"
  // Per license: every agent of one license together.
  | "license";

export interface RateLimitConfig {
  windowMs: number;
  perWindow: Record<RateLimitPolicy, number>;
}

export interface RateLimitSubject {
  ctx: RequestContext;
  actor: Actor | null;
  // The client_id a token request claims (known only once its form is read).
  clientId?: string | null;
}

export function rateLimitConfigFromEnv(e: Env = env()): RateLimitConfig {
  return {
    windowMs: 60_000,
    perWindow: {
      token: e.RATE_LIMIT_TOKEN_PER_MINUTE,
      update: e.RATE_LIMIT_UPDATE_PER_MINUTE,
      ip: e.RATE_LIMIT_IP_PER_MINUTE,
      client: e.RATE_LIMIT_CLIENT_PER_MINUTE,
      license: e.RATE_LIMIT_LICENSE_PER_MINUTE,
    },
  };
}

// An IPv6 client usually holds a whole /64, so it is counted per /64: otherwise one host could
// rotate through 2^64 addresses. Requests that did not come through server.mjs carry no address;
// they share one counter rather than escaping the limit.
export function ipCounterKey(ip: string | null): string {
  if (!ip || !ipaddr.isValid(ip)) return "unknown";
  const parsed = ipaddr.parse(ip);
  if (parsed.kind() === "ipv4") return parsed.toString();
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  const parts = v6.parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(":")}::/64`;
}

const ipOf = (subject: RateLimitSubject) => ipCounterKey(subject.ctx.ip);

function apiClientOf(actor: Actor | null): string | null {
  return actor && (actor.type === "AGENT" || actor.type === "SERVICE") ? actor.apiClientId : null;
}

function keysFor(policy: RateLimitPolicy, subject: RateLimitSubject): string[] {
  const apiClientId = apiClientOf(subject.actor);
  switch (policy) {
    case "token":
      // Per address only: client ids are not secret, so a per-client budget would let anyone
      // spend an agent's and lock it out. Failures per (client, address) are the lockout's job
      // (lib/oauth/token-lockout.ts).
      return [`token:ip:${ipOf(subject)}`];
    case "update":
    case "client":
      return [apiClientId ? `${policy}:client:${apiClientId}` : `${policy}:ip:${ipOf(subject)}`];
    case "ip":
      return [`ip:${ipOf(subject)}`];
    case "license": {
      const licenseId =
        subject.actor && "licenseId" in subject.actor ? subject.actor.licenseId : null;
      return licenseId ? [`license:${licenseId}`] : [];
    }
  }
}

export function windowsFor(
  policies: readonly RateLimitPolicy[],
  subject: RateLimitSubject,
  config: RateLimitConfig,
): LimitWindow[] {
  return [...new Set(policies)].flatMap((policy) =>
    keysFor(policy, subject).map((key) => ({
      key,
      limit: config.perWindow[policy],
      windowMs: config.windowMs,
    })),
  );
}
