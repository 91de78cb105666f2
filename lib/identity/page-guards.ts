// Guards for server-rendered pages and layouts: the same rules as authenticateStaff and
// authenticateCustomer, answered with redirects to the page that explains (sign in, MFA, 403).
// Resolved once per request (React cache), so a layout and its page share one session lookup.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { recordAudit } from "@/lib/audit/record-audit";
import { ANONYMOUS, type CustomerActor, type StaffActor } from "@/lib/authz/actor";
import type { Permission } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { requestContext, type RequestContext } from "@/lib/http/request-context";
import type { StaffSession } from "./authenticate-staff";
import { actorForUser, customerActorFor, staffActorFor } from "./identity-actor";
import { idpMfaPolicy } from "./mfa-config";
import { sessionMfaState } from "./mfa-policy";
import { isAllowedStaffAddress, staffAllowlist } from "./network-policy";
import { recordIpBlocked } from "./record-auth-event";
import { requestedPath } from "./requested-path";
import { resolveSession, type SessionResolution } from "./resolve-session";
import { readSessionToken } from "./session-cookie";

type Ended = "revoked" | "expired" | "suspended";

type StaffPageState =
  | { kind: "blocked" }
  | { kind: "signin"; next: string }
  | { kind: "ended"; reason: Ended }
  | { kind: "not_staff" }
  | { kind: "mfa"; staff: StaffSession; next: string }
  | { kind: "ok"; staff: StaffSession; actor: StaffActor; ctx: RequestContext; path: string };

async function auditRefusedPage(
  ctx: RequestContext,
  resolution: SessionResolution,
  path: string,
  actorUserKind?: "wrong_portal",
): Promise<void> {
  if (resolution.status === "unknown") {
    await recordAudit(db(), {
      action: "auth.session_rejected",
      actor: ANONYMOUS,
      request: ctx,
      result: "DENIED",
      reason: "session not found (signed out or revoked)",
      target: { type: "route", id: path },
    });
  } else if (resolution.status === "suspended") {
    await recordAudit(db(), {
      action: "auth.session_rejected",
      actor: await actorForUser(db(), resolution.user, null),
      request: ctx,
      result: "DENIED",
      reason: "account suspended: sessions ended",
      target: { type: "route", id: path },
    });
  } else if (resolution.status === "active" && actorUserKind === "wrong_portal") {
    await recordAudit(db(), {
      action: "access.denied",
      actor: await actorForUser(db(), resolution.user, resolution.session.id),
      request: ctx,
      result: "DENIED",
      reason:
        resolution.user.kind === "CUSTOMER"
          ? "customer user on a staff page"
          : "staff user on a customer page",
      target: { type: "route", id: path },
    });
  }
}

function endedState(resolution: SessionResolution): Ended | null {
  if (resolution.status === "unknown") return "revoked";
  if (resolution.status === "expired") return "expired";
  if (resolution.status === "suspended") return "suspended";
  return null;
}

const staffPageState = cache(async (): Promise<StaffPageState> => {
  const h = await headers();
  const ctx = requestContext(h);
  const path = requestedPath(h, "/admin");
  if (!isAllowedStaffAddress(ctx.ip, staffAllowlist())) {
    await recordIpBlocked({ request: ctx, path });
    return { kind: "blocked" };
  }
  const resolution = await resolveSession(readSessionToken(h), ctx);
  if (resolution.status === "none") return { kind: "signin", next: path };
  const ended = endedState(resolution);
  if (ended || resolution.status !== "active") {
    await auditRefusedPage(ctx, resolution, path);
    return { kind: "ended", reason: ended ?? "revoked" };
  }
  const { session, user } = resolution;
  if (user.kind !== "STAFF") {
    await auditRefusedPage(ctx, resolution, path, "wrong_portal");
    return { kind: "not_staff" };
  }
  const mfaSatisfied = sessionMfaState(session, idpMfaPolicy()).satisfied;
  const staff: StaffSession = { session, user, mfaSatisfied };
  if (!mfaSatisfied) return { kind: "mfa", staff, next: path };
  return { kind: "ok", staff, actor: await staffActorFor(db(), user, session), ctx, path };
});

async function hasCredentials(userId: string): Promise<boolean> {
  return (await db().webAuthnCredential.count({ where: { userId } })) > 0;
}

async function mfaRedirect(userId: string, next: string): Promise<never> {
  const page = (await hasCredentials(userId)) ? "/mfa/verify" : "/mfa/enroll";
  redirect(`${page}?next=${encodeURIComponent(next)}`);
}

function refuseCommon(state: StaffPageState): void {
  if (state.kind === "blocked") redirect("/forbidden?reason=network");
  if (state.kind === "signin") redirect(`/signin?next=${encodeURIComponent(state.next)}`);
  if (state.kind === "ended") redirect(`/signin/session-ended?reason=${state.reason}`);
  if (state.kind === "not_staff") redirect("/forbidden?reason=staff_only");
}

// Vendor staff pages: SSO session, allowed network, second factor passed, and the permission.
export async function requireStaffPage(permission?: Permission): Promise<StaffActor> {
  const state = await staffPageState();
  refuseCommon(state);
  if (state.kind === "mfa") return mfaRedirect(state.staff.user.id, state.next);
  if (state.kind !== "ok") redirect("/signin");
  if (permission && !state.actor.permissions.has(permission)) {
    await recordAudit(db(), {
      action: "access.denied",
      actor: state.actor,
      request: state.ctx,
      result: "DENIED",
      reason: `This requires the permission ${permission}.`,
      target: { type: "route", id: state.path },
      metadata: { permission },
    });
    redirect(`/forbidden?reason=permission&permission=${encodeURIComponent(permission)}`);
  }
  return state.actor;
}

// The MFA pages: a staff SSO session from an allowed network, second factor passed or not.
export async function requireStaffSessionPage(): Promise<{
  staff: StaffSession;
  hasCredentials: boolean;
}> {
  const state = await staffPageState();
  refuseCommon(state);
  if (state.kind !== "mfa" && state.kind !== "ok") redirect("/signin");
  return { staff: state.staff, hasCredentials: await hasCredentials(state.staff.user.id) };
}

type CustomerPageState =
  | { kind: "signin" }
  | { kind: "ended"; reason: Ended }
  | { kind: "forbidden"; reason: "customer_only" | "no_membership" }
  | { kind: "ok"; actor: CustomerActor };

const customerPageState = cache(async (): Promise<CustomerPageState> => {
  const h = await headers();
  const ctx = requestContext(h);
  const path = requestedPath(h, "/portal");
  const resolution = await resolveSession(readSessionToken(h), ctx);
  if (resolution.status === "none") return { kind: "signin" };
  const ended = endedState(resolution);
  if (ended || resolution.status !== "active") {
    await auditRefusedPage(ctx, resolution, path);
    return { kind: "ended", reason: ended ?? "revoked" };
  }
  if (resolution.user.kind !== "CUSTOMER") {
    await auditRefusedPage(ctx, resolution, path, "wrong_portal");
    return { kind: "forbidden", reason: "customer_only" };
  }
  const actor = await customerActorFor(db(), resolution.user, resolution.session.id);
  return actor ? { kind: "ok", actor } : { kind: "forbidden", reason: "no_membership" };
});

// Customer portal pages: a customer user's session; no MFA or network rule (those are staff's).
export async function requireCustomerPage(): Promise<CustomerActor> {
  const state = await customerPageState();
  if (state.kind === "signin") redirect("/portal/signin");
  if (state.kind === "ended")
    redirect(`/signin/session-ended?portal=customer&reason=${state.reason}`);
  if (state.kind === "forbidden") redirect(`/forbidden?reason=${state.reason}`);
  return state.actor;
}
