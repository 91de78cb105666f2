// Lockout at the token endpoint, counted from the audit trail (every refused token request is
// audited as oauth.token_refused, so there is no second counter to drift). Within
// TOKEN_FAILURE_WINDOW, an address with TOKEN_MAX_FAILURES refusals for one client id, or with
// TOKEN_MAX_FAILURES_PER_IP refusals in all, gets 429 until enough of them age out of the window.
//
// Failures are never counted per client alone: client ids are not secret, so a per-client lock
// would let anyone lock an agent out of its tokens. A client guessed at from many addresses is
// not locked; it raises an alert instead (alarmOnClientGuessing).
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import type { RequestContext } from "@/lib/http/request-context";
import { secondsUntil } from "@/lib/ratelimit/headers";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export interface TokenLockoutLimits {
  maxFailures: number;
  maxFailuresPerIp: number;
  windowSeconds: number;
}

export function tokenLockoutLimits(): TokenLockoutLimits {
  const e = env();
  return {
    maxFailures: e.TOKEN_MAX_FAILURES,
    maxFailuresPerIp: e.TOKEN_MAX_FAILURES_PER_IP,
    windowSeconds: e.TOKEN_FAILURE_WINDOW,
  };
}

export interface TokenLockout {
  scope: "client_address" | "address";
  failures: number;
  // When enough failures have aged out of the window for the next attempt to be let through.
  liftsAt: Date;
}

const refused = (since: Date): Prisma.AuditEventWhereInput => ({
  action: "oauth.token_refused",
  at: { gte: since },
});

// The lock lifts when the max-th most recent failure leaves the window.
async function lockoutOf(
  where: Prisma.AuditEventWhereInput,
  max: number,
  windowSeconds: number,
): Promise<{ failures: number; liftsAt: Date } | null> {
  const failures = await db().auditEvent.count({ where });
  if (failures < max) return null;
  const oldestThatCounts = await db().auditEvent.findFirst({
    where,
    orderBy: { at: "desc" },
    skip: max - 1,
    select: { at: true },
  });
  const at = oldestThatCounts?.at ?? new Date();
  return { failures, liftsAt: new Date(at.getTime() + windowSeconds * 1000) };
}

export async function findTokenLockout(
  subject: { clientId: string | null; ip: string | null },
  now: Date = new Date(),
  limits: TokenLockoutLimits = tokenLockoutLimits(),
): Promise<TokenLockout | null> {
  // Requests that did not come through server.mjs carry no address and are not locked here;
  // the per-address rate limit still counts them together.
  if (!subject.ip) return null;
  const since = new Date(now.getTime() - limits.windowSeconds * 1000);
  const fromAddress = { ...refused(since), ip: subject.ip };
  if (subject.clientId) {
    const lock = await lockoutOf(
      { ...fromAddress, metadata: { path: ["clientId"], equals: subject.clientId } },
      limits.maxFailures,
      limits.windowSeconds,
    );
    if (lock) return { scope: "client_address", ...lock };
  }
  const lock = await lockoutOf(fromAddress, limits.maxFailuresPerIp, limits.windowSeconds);
  return lock ? { scope: "address", ...lock } : null;
}

// The guard step of the token route: 429 problem+json with Retry-After while locked out. The
// guard chain audits the refusal (ratelimit.exceeded), which the address alarm counts.
export async function enforceTokenLockout(
  clientId: string | null,
  ctx: RequestContext,
): Promise<void> {
  const lockout = await findTokenLockout({ clientId, ip: ctx.ip });
  if (!lockout) return;
  const retryAfter = String(secondsUntil(lockout.liftsAt.getTime()));
  ctx.log.warn({ scope: lockout.scope, failures: lockout.failures }, "token requests locked out");
  throw new AppError(
    "rate_limited",
    lockout.scope === "client_address"
      ? `Too many failed token requests for this client from this address: try again in ${retryAfter} seconds.`
      : `Too many failed token requests from this address: try again in ${retryAfter} seconds.`,
    { headers: { "retry-after": retryAfter } },
  );
}
