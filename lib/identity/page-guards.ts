// Guards for server-rendered pages and layouts: the page's adapter over the one guard core
// (runGuards in lib/http/guards.ts), beside defineRoute and defineAction. A page has no Request:
// the headers proxy.ts set (request id, peer address, the path asked for) stand in for it, and a
// refusal becomes a redirect to the page that explains it (sign in, MFA, session ended, 403).
// The core runs once per request (React cache), so a layout and its page share one session
// lookup; a page's permission resumes the core with the actor its layout authenticated.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { CustomerActor, StaffActor } from "@/lib/authz/actor";
import type { Permission } from "@/lib/authz/permissions";
import type { AppError } from "@/lib/errors/app-error";
import { toAppError } from "@/lib/http/error-mapper";
import { runGuards, type GuardRequest, type Guarded, type PageAccess } from "@/lib/http/guards";
import { requestContext } from "@/lib/http/request-context";
import { requestedPath } from "./requested-path";
import { hasSecurityKey } from "./webauthn/has-security-key";

type Portal = "staff" | "customer";

async function pageRequest(portal: Portal): Promise<GuardRequest> {
  const h = await headers();
  return {
    headers: h,
    method: "GET",
    route: requestedPath(h, portal === "staff" ? "/admin" : "/portal"),
    ctx: requestContext(h),
    page: true,
  };
}

type Outcome<A extends PageAccess> =
  | { ok: true; guarded: Guarded<A>; request: GuardRequest }
  | { ok: false; error: AppError; request: GuardRequest };

async function guard<A extends PageAccess>(access: A, request: GuardRequest): Promise<Outcome<A>> {
  try {
    return { ok: true, guarded: await runGuards(access, request), request };
  } catch (thrown) {
    return { ok: false, error: toAppError(thrown), request };
  }
}

const staffPage = cache(async () => guard({ kind: "staff" }, await pageRequest("staff")));
const mfaPage = cache(async () =>
  guard({ kind: "staff", pendingMfa: true }, await pageRequest("staff")),
);
const customerPage = cache(async () => guard({ kind: "customer" }, await pageRequest("customer")));

const enc = encodeURIComponent;

// Where a refusal sends the person, for the same reasons on both portals.
async function refuse(portal: Portal, error: AppError, next: string): Promise<never> {
  const { extra } = error;
  if (extra.networkBlocked) redirect("/forbidden?reason=network");
  if (extra.signInRequired)
    redirect(portal === "staff" ? `/signin?next=${enc(next)}` : "/portal/signin");
  if (typeof extra.sessionEnded === "string")
    redirect(
      `/signin/session-ended?${portal === "customer" ? "portal=customer&" : ""}reason=${extra.sessionEnded}`,
    );
  if (extra.mfaRequired) {
    // The first sign-in (or one after a reset) enrolls a key; later ones confirm it.
    const pending = await mfaPage();
    if (pending.ok) {
      const page = (await hasSecurityKey(pending.guarded.actor.userId)) ? "verify" : "enroll";
      redirect(`/mfa/${page}?next=${enc(next)}`);
    }
  }
  if (typeof extra.reason === "string") redirect(`/forbidden?reason=${enc(extra.reason)}`);
  if (typeof extra.permission === "string")
    redirect(`/forbidden?reason=permission&permission=${enc(extra.permission)}`);
  throw error;
}

// Vendor staff pages: SSO session, allowed network, second factor passed, and the permission.
export async function requireStaffPage(permission?: Permission): Promise<StaffActor> {
  const outcome = await staffPage();
  if (!outcome.ok) return refuse("staff", outcome.error, outcome.request.route);
  if (!permission) return outcome.guarded.actor;
  const { request, guarded } = outcome;
  try {
    await runGuards({ kind: "staff", permission }, { ...request, authenticated: guarded.actor });
  } catch (thrown) {
    return refuse("staff", toAppError(thrown), request.route);
  }
  return guarded.actor;
}

// The MFA pages: a staff SSO session from an allowed network, second factor passed or not.
export async function requireStaffSessionPage(): Promise<{
  actor: StaffActor;
  mfaSatisfied: boolean;
  hasCredentials: boolean;
}> {
  const outcome = await mfaPage();
  if (!outcome.ok) return refuse("staff", outcome.error, outcome.request.route);
  const { actor, mfaSatisfied } = outcome.guarded;
  return { actor, mfaSatisfied, hasCredentials: await hasSecurityKey(actor.userId) };
}

// Customer portal pages: a customer user's session; no MFA or network rule (those are staff's).
export async function requireCustomerPage(): Promise<CustomerActor> {
  const outcome = await customerPage();
  if (!outcome.ok) return refuse("customer", outcome.error, outcome.request.route);
  return outcome.guarded.actor;
}
