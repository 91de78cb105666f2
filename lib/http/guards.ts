// The one guard core behind routes, server actions and pages:
//   context → staff network gate → per-address rate limit → authenticate → per-subject rate
//   limits → permission.
// The per-address limit runs before authentication so that a flood of bad tokens or dead session
// cookies is refused with 429 instead of costing a credential lookup and an audit row each. Every
// refusal is audited here, once (the error is marked audited), with the actor when one is known.
// defineRoute, defineAction and the page guards are adapters: they turn the thrown AppError into
// a problem document, a form result or a redirect.
import type { AnonymousActor, ClientActor, CustomerActor, StaffActor } from "@/lib/authz/actor";
import { ANONYMOUS, type Actor } from "@/lib/authz/actor";
import { requirePermission } from "@/lib/authz/require-permission";
import { AppError, markAudited } from "@/lib/errors/app-error";
import { authenticateSignedUrl } from "@/lib/downloads/authenticate-signed-url";
import { authenticateCustomer } from "@/lib/identity/authenticate-customer";
import { authenticateStaff } from "@/lib/identity/authenticate-staff";
import {
  isAllowedStaffAddress,
  NETWORK_BLOCKED_MESSAGE,
  staffAllowlist,
} from "@/lib/identity/network-policy";
import { recordIpBlocked } from "@/lib/identity/record-auth-event";
import { authenticateBearer } from "@/lib/oauth/authenticate-bearer";
import { enforceRateLimits, type RateLimitPolicy } from "@/lib/ratelimit/enforce";
import type { Access } from "./access";
import { auditRefusal } from "./audit-refusal";
import { toAppError } from "./error-mapper";
import type { RequestContext } from "./request-context";

interface ActorByKind {
  public: AnonymousActor;
  staff: StaffActor;
  customer: CustomerActor;
  client: ClientActor;
  "signed-url": ClientActor | CustomerActor;
}

// The actor a handler receives for its declared access: a staff route gets a StaffActor, etc.
export type ActorFor<A extends Access> = ActorByKind[A["kind"]];

export interface GuardRequest {
  headers: Headers;
  // The request method, for the same-origin rule on state-changing requests (server actions: POST).
  method: string;
  // What was asked for, for the audit trail: a route name or "action:<name>".
  route: string;
  ctx: RequestContext;
  rateLimit?: readonly RateLimitPolicy[];
  // The request URL, read by the signed-url kind only.
  url?: string;
}

export interface Guarded<A extends Access> {
  actor: ActorFor<A>;
  // RateLimit-* headers of the counter closest to refusing, for the answer.
  rateLimitHeaders: Record<string, string>;
}

// Every request, whatever it declares, is counted against its address first.
const BEFORE_AUTHENTICATION: readonly RateLimitPolicy[] = ["ip"];

async function staffNetworkGate(request: GuardRequest): Promise<void> {
  const { ctx } = request;
  if (isAllowedStaffAddress(ctx.ip, staffAllowlist())) return;
  await recordIpBlocked({ request: ctx, path: request.route });
  throw markAudited(new AppError("forbidden", NETWORK_BLOCKED_MESSAGE, { networkBlocked: true }));
}

// Narrowing a generic by its discriminant is beyond TypeScript: each branch returns the actor
// type ActorByKind names for that kind, which the cast records.
async function authenticateFor<A extends Access>(
  access: A,
  request: GuardRequest,
): Promise<ActorFor<A>> {
  const { headers, ctx, method } = request;
  let actor: Actor;
  switch (access.kind) {
    case "public":
      actor = ANONYMOUS;
      break;
    case "staff":
      actor = await authenticateStaff(headers, ctx, { stepUp: access.stepUp ?? false, method });
      break;
    case "customer":
      actor = await authenticateCustomer(headers, ctx, { membership: access.membership, method });
      break;
    case "client":
      actor = await authenticateBearer(headers, ctx);
      break;
    case "signed-url":
      actor = await authenticateSignedUrl(
        new URL(request.url ?? "/", "http://localhost"),
        headers,
        ctx,
        method,
      );
      break;
  }
  return actor as ActorFor<A>;
}

function tighter(a: Record<string, string>, b: Record<string, string>): Record<string, string> {
  const remaining = (h: Record<string, string>) =>
    Number(h["ratelimit-remaining"] ?? Number.POSITIVE_INFINITY);
  return remaining(b) < remaining(a) ? b : a;
}

function actorIdOf(actor: Actor): string | null {
  if (actor.type === "USER") return actor.userId;
  if (actor.type === "AGENT" || actor.type === "SERVICE") return actor.apiClientId;
  return null;
}

export async function runGuards<A extends Access>(
  access: A,
  request: GuardRequest,
): Promise<Guarded<A>> {
  const { ctx } = request;
  let actor: Actor | null = null;
  try {
    if (access.kind === "staff") await staffNetworkGate(request);
    const before = await enforceRateLimits(BEFORE_AUTHENTICATION, { ctx, actor: null });
    const authenticated = await authenticateFor(access, request);
    actor = authenticated;
    ctx.log = ctx.log.child({ actorId: actorIdOf(authenticated) });
    const after = (request.rateLimit ?? []).filter((p) => !BEFORE_AUTHENTICATION.includes(p));
    const subject = after.length
      ? await enforceRateLimits(after, { ctx, actor: authenticated })
      : { headers: {} };
    if (access.kind === "staff") requirePermission(authenticated, access.permission);
    if (access.kind === "client") requirePermission(authenticated, access.scope);
    return { actor: authenticated, rateLimitHeaders: tighter(before.headers, subject.headers) };
  } catch (thrown) {
    const error = toAppError(thrown);
    await auditRefusal({ route: request.route, error, actor, ctx });
    throw error;
  }
}
