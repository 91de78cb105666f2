// The one guard core behind routes, server actions and pages:
//   context → staff network gate → per-address rate limit → authenticate → per-subject rate
//   limits → permission.
// The per-address limit runs before authentication so that a flood of bad tokens or dead session
// cookies is refused with 429 instead of costing a credential lookup and an audit row each. Every
// refusal is audited here, once (the error is marked audited), with the actor when one is known.
// defineRoute, defineAction and the page guards (lib/identity/page-guards.ts) are adapters: they
// turn the thrown AppError into a problem document, a form result or a redirect.
import type { AnonymousActor, ClientActor, CustomerActor, StaffActor } from "@/lib/authz/actor";
import { ANONYMOUS, type Actor } from "@/lib/authz/actor";
import { requirePermission } from "@/lib/authz/require-permission";
import { AppError, markAudited } from "@/lib/errors/app-error";
import { authenticateSignedUrl } from "@/lib/downloads/authenticate-signed-url";
import { authenticateCustomer } from "@/lib/identity/authenticate-customer";
import { authenticateStaffActor } from "@/lib/identity/authenticate-staff";
import {
  isAllowedStaffAddress,
  NETWORK_BLOCKED_MESSAGE,
  staffAllowlist,
} from "@/lib/identity/network-policy";
import { recordIpBlocked } from "@/lib/identity/record-auth-event";
import { authenticateBearer } from "@/lib/oauth/authenticate-bearer";
import { enforceRateLimits, type RateLimitPolicy } from "@/lib/ratelimit/enforce";
import type { Permission } from "@/lib/authz/permissions";
import type { Access } from "./access";
import { auditRefusal } from "./audit-refusal";
import { toAppError } from "./error-mapper";
import type { RequestContext } from "./request-context";

interface ActorByKind {
  public: AnonymousActor;
  staff: StaffActor;
  customer: CustomerActor;
  client: ClientActor;
  "signed-url": ClientActor | CustomerActor | StaffActor;
}

// Pages declare a little more than routes and actions can: a staff page may need no permission
// beyond being staff (the portal's layout and home), and the MFA pages admit a staff session whose
// second factor is still to come.
export type PageAccess =
  { kind: "staff"; permission?: Permission; pendingMfa?: boolean } | { kind: "customer" };

export type GuardAccess = Access | PageAccess;

// The actor a handler receives for its declared access: a staff route gets a StaffActor, etc.
export type ActorFor<A extends GuardAccess> = ActorByKind[A["kind"]];

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
  // A page render. A navigation may come from a link on any site and changes nothing, so the
  // same-origin rule does not apply; pages are not counted against the address's request budget
  // (the API's); and the two steps of signing in, no session yet and a second factor still to
  // pass, are where the page sends the person, not refusals to audit.
  page?: boolean;
  // The actor an earlier run of the core authenticated for this request (a page's layout, for
  // the page itself): the chain resumes at the permission.
  authenticated?: Actor;
}

export interface Guarded<A extends GuardAccess> {
  actor: ActorFor<A>;
  // Staff only: false while the session still owes its second factor (pendingMfa pages).
  mfaSatisfied: boolean;
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
// Exported for the authorization matrix, which runs every declared access as every principal.
export async function authenticateFor<A extends GuardAccess>(
  access: A,
  request: GuardRequest,
): Promise<{ actor: ActorFor<A>; mfaSatisfied: boolean }> {
  const { headers, ctx, method } = request;
  const sameOrigin = !request.page;
  let actor: Actor;
  let mfaSatisfied = true;
  switch (access.kind) {
    case "public":
      actor = ANONYMOUS;
      break;
    case "staff": {
      const staff = await authenticateStaffActor(headers, ctx, {
        stepUp: ("stepUp" in access && access.stepUp) ?? false,
        allowPendingMfa: ("pendingMfa" in access && access.pendingMfa) ?? false,
        method,
        sameOrigin,
      });
      actor = staff.actor;
      mfaSatisfied = staff.mfaSatisfied;
      break;
    }
    case "customer":
      actor = await authenticateCustomer(headers, ctx, {
        membership: "membership" in access ? access.membership : undefined,
        method,
        sameOrigin,
      });
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
  return { actor: actor as ActorFor<A>, mfaSatisfied };
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

// Signing in is not a refusal: on a page, these send the person to the sign-in or MFA page.
function isSignInStep(error: AppError): boolean {
  return error.extra.signInRequired === true || error.extra.mfaRequired === true;
}

function permissionOf(access: GuardAccess): Permission | undefined {
  if (access.kind === "staff") return access.permission;
  if (access.kind === "client") return access.scope;
  return undefined;
}

export async function runGuards<A extends GuardAccess>(
  access: A,
  request: GuardRequest,
): Promise<Guarded<A>> {
  const { ctx } = request;
  let actor: Actor | null = request.authenticated ?? null;
  try {
    let before: Record<string, string> = {};
    let mfaSatisfied = true;
    if (!actor) {
      if (access.kind === "staff") await staffNetworkGate(request);
      if (!request.page)
        before = (await enforceRateLimits(BEFORE_AUTHENTICATION, { ctx, actor: null })).headers;
      const authenticated = await authenticateFor(access, request);
      actor = authenticated.actor;
      mfaSatisfied = authenticated.mfaSatisfied;
      ctx.log = ctx.log.child({ actorId: actorIdOf(actor) });
    }
    const after = (request.rateLimit ?? []).filter((p) => !BEFORE_AUTHENTICATION.includes(p));
    const subject = after.length ? await enforceRateLimits(after, { ctx, actor }) : { headers: {} };
    const permission = permissionOf(access);
    if (permission) requirePermission(actor, permission);
    return {
      actor: actor as ActorFor<A>,
      mfaSatisfied,
      rateLimitHeaders: tighter(before, subject.headers),
    };
  } catch (thrown) {
    const error = toAppError(thrown);
    if (!(request.page && isSignInStep(error)))
      await auditRefusal({ route: request.route, error, actor, ctx });
    throw error;
  }
}
