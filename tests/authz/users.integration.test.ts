import { describe, expect, it } from "vitest";
import { ALL_PERMISSIONS } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { getStaffUser } from "@/lib/users/get-staff-user";
import { inviteStaffUser } from "@/lib/users/invite-staff-user";
import { listStaffUsers } from "@/lib/users/list-staff-users";
import { reactivateUser } from "@/lib/users/reactivate-user";
import { resetUserMfa } from "@/lib/users/reset-user-mfa";
import { revokeUserSessions } from "@/lib/users/revoke-user-sessions";
import { suspendUser } from "@/lib/users/suspend-user";
import {
  createStaff,
  expectDeniedAudit,
  expectSuccessAudit,
  newRequest,
  refusal,
  staffActor,
  unique,
} from "./factories";

const noSettings = ALL_PERMISSIONS.filter(
  (p) => !p.startsWith("settings:") && !p.startsWith("update:"),
);
const sessionsOf = (userId: string) => db().session.count({ where: { userId } });

describe("suspendUser", () => {
  it("suspends and deletes every session, so the user is cut off at the next request", async () => {
    const admin = await staffActor({ roles: ["security_admin"] });
    const target = await createStaff({ roles: ["release_manager"], sessions: 3 });
    const request = newRequest();
    expect(
      await suspendUser({
        actor: admin,
        input: { userId: target.id, reason: "left the company" },
        request,
      }),
    ).toEqual({ status: "SUSPENDED", sessionsRevoked: 3 });
    expect(await sessionsOf(target.id)).toBe(0);
    const user = await db().user.findUniqueOrThrow({ where: { id: target.id } });
    expect(user.status).toBe("SUSPENDED");
    expect(user.suspendedAt).toBeInstanceOf(Date);
    const event = await expectSuccessAudit(request, admin, "users.suspended", {
      before: { status: "ACTIVE" },
      after: { status: "SUSPENDED", sessionsRevoked: 3 },
    });
    expect(event?.reason).toBe("left the company");
  });

  it("nobody suspends themselves", async () => {
    const admin = await staffActor({ roles: ["security_admin"], sessions: 1 });
    const request = newRequest();
    expect(
      await refusal(suspendUser({ actor: admin, input: { userId: admin.userId }, request })),
    ).toMatchObject({ status: 403, message: "You cannot suspend yourself." });
    expect(await sessionsOf(admin.userId)).toBe(1);
    await expectDeniedAudit(request, admin, /yourself/);
  });

  it("a bounded administrator cannot suspend a broader one", async () => {
    const bounded = await staffActor({ roles: ["security_admin"], boundary: noSettings });
    const broad = await createStaff({ roles: ["security_admin"], sessions: 1 });
    const request = newRequest();
    const error = await refusal(
      suspendUser({ actor: bounded, input: { userId: broad.id }, request }),
    );
    expect(error.message).toMatch(
      /holds settings:read, settings:write, which you do not hold; only someone who holds all of their permissions can suspend them/,
    );
    expect(await sessionsOf(broad.id)).toBe(1);
    await expectDeniedAudit(request, bounded, /suspend them/);
  });

  it("suspending twice is a conflict; reactivating restores access", async () => {
    const admin = await staffActor({ roles: ["security_admin"] });
    const target = await createStaff({ roles: ["support"] });
    await suspendUser({ actor: admin, input: { userId: target.id } });
    expect(
      await refusal(suspendUser({ actor: admin, input: { userId: target.id } })),
    ).toMatchObject({ status: 409 });
    const request = newRequest();
    expect(await reactivateUser({ actor: admin, input: { userId: target.id }, request })).toEqual({
      status: "ACTIVE",
    });
    await expectSuccessAudit(request, admin, "users.reactivated", {
      before: { status: "SUSPENDED" },
      after: { status: "ACTIVE" },
    });
    expect(
      await refusal(reactivateUser({ actor: admin, input: { userId: target.id } })),
    ).toMatchObject({ status: 409 });
  });
});

describe("revokeUserSessions", () => {
  it("deletes the user's sessions; needs sessions:revoke", async () => {
    const admin = await staffActor({ roles: ["security_admin"] });
    const target = await createStaff({ roles: ["support"], sessions: 2 });
    const request = newRequest();
    expect(
      await revokeUserSessions({ actor: admin, input: { userId: target.id }, request }),
    ).toEqual({ sessionsRevoked: 2 });
    expect(await sessionsOf(target.id)).toBe(0);
    await expectSuccessAudit(request, admin, "sessions.revoked", {
      before: { sessions: 2 },
      after: { sessions: 0 },
    });

    const auditor = await staffActor({ roles: ["auditor"] });
    const other = await createStaff({ sessions: 1 });
    const denied = newRequest();
    expect(
      await refusal(
        revokeUserSessions({ actor: auditor, input: { userId: other.id }, request: denied }),
      ),
    ).toMatchObject({ status: 403 });
    expect(await sessionsOf(other.id)).toBe(1);
    await expectDeniedAudit(denied, auditor, /sessions:revoke/);
  });
});

describe("resetUserMfa", () => {
  it("removes security keys and sessions, audited as auth.mfa_reset", async () => {
    const admin = await staffActor({ roles: ["security_admin"] });
    const target = await createStaff({ roles: ["support"], mfa: true, sessions: 1 });
    const request = newRequest();
    expect(await resetUserMfa({ actor: admin, input: { userId: target.id }, request })).toEqual({
      credentialsRemoved: 1,
      sessionsRevoked: 1,
    });
    const user = await db().user.findUniqueOrThrow({
      where: { id: target.id },
      include: { webauthnCredentials: true },
    });
    expect(user.mfaEnrolledAt).toBeNull();
    expect(user.webauthnCredentials).toEqual([]);
    const event = (
      await db().auditEvent.findMany({
        where: { requestId: request.requestId, action: "auth.mfa_reset" },
      })
    )[0];
    expect(event?.after).toEqual({ mfaEnrolledAt: null, credentials: [], sessionsRevoked: 1 });
    expect((event?.before as { credentials: unknown[] }).credentials).toHaveLength(1);
    expect(event?.actorPermissions).toEqual([...admin.permissions].sort());
  });

  it("nobody resets their own MFA", async () => {
    const admin = await staffActor({ roles: ["security_admin"], mfa: true });
    const request = newRequest();
    expect(
      await refusal(resetUserMfa({ actor: admin, input: { userId: admin.userId }, request })),
    ).toMatchObject({ status: 403 });
    expect(await db().webAuthnCredential.count({ where: { userId: admin.userId } })).toBe(1);
    await expectDeniedAudit(request, admin, /own MFA/);
  });
});

describe("inviteStaffUser", () => {
  it("invites an outside email as a staff user with no roles", async () => {
    const admin = await staffActor({ roles: ["security_admin"] });
    const email = `${unique("contractor")}@elsewhere.example`;
    const request = newRequest();
    const invited = await inviteStaffUser({
      actor: admin,
      input: { email: email.toUpperCase(), name: "Contractor" },
      request,
    });
    const user = await db().user.findUniqueOrThrow({
      where: { id: invited.id },
      include: { roleAssignments: true },
    });
    expect(user).toMatchObject({
      email,
      kind: "STAFF",
      invitedById: admin.userId,
      roleAssignments: [],
    });
    expect(user.invitedAt).toBeInstanceOf(Date);
    await expectSuccessAudit(request, admin, "users.invited", {
      before: null,
      after: { email, name: "Contractor", kind: "STAFF", status: "ACTIVE", roles: [] },
    });
    expect(await refusal(inviteStaffUser({ actor: admin, input: { email } }))).toMatchObject({
      status: 409,
    });
  });

  it("needs users:write", async () => {
    const support = await staffActor({ roles: ["support"] });
    const request = newRequest();
    expect(
      await refusal(
        inviteStaffUser({
          actor: support,
          input: { email: `${unique("x")}@vendor.test` },
          request,
        }),
      ),
    ).toMatchObject({ status: 403 });
    await expectDeniedAudit(request, support, /users:write/);
  });
});

describe("staff user queries", () => {
  it("lists staff with roles, boundary, last sign-in, MFA status and status; customers excluded", async () => {
    const auditor = await staffActor({ roles: ["auditor"] });
    const tag = unique("listed");
    const staff = await db().user.create({
      data: {
        email: `${tag}@vendor.test`,
        kind: "STAFF",
        lastSignInAt: new Date("2026-01-02T03:04:05Z"),
        mfaEnrolledAt: new Date(),
      },
    });
    await db().user.create({ data: { email: `${tag}-customer@globex.test`, kind: "CUSTOMER" } });
    const { items } = await listStaffUsers({ actor: auditor, input: { query: tag } });
    expect(items).toEqual([
      expect.objectContaining({
        id: staff.id,
        roles: [],
        boundary: null,
        status: "ACTIVE",
        mfaEnrolled: true,
        lastSignInAt: new Date("2026-01-02T03:04:05Z"),
      }),
    ]);
  });

  it("pages through users by email", async () => {
    const auditor = await staffActor({ roles: ["auditor"] });
    const tag = unique("page");
    for (const n of [1, 2, 3])
      await db().user.create({ data: { email: `${tag}-${n}@vendor.test`, kind: "STAFF" } });
    const first = await listStaffUsers({ actor: auditor, input: { query: tag, take: 2 } });
    expect(first.items.map((u) => u.email)).toEqual([
      `${tag}-1@vendor.test`,
      `${tag}-2@vendor.test`,
    ]);
    const second = await listStaffUsers({
      actor: auditor,
      input: { query: tag, take: 2, after: first.nextAfter ?? "" },
    });
    expect(second).toEqual({
      items: [expect.objectContaining({ email: `${tag}-3@vendor.test` })],
      nextAfter: null,
    });
  });

  it("explains each effective permission: which role gives it and what the boundary removes", async () => {
    const admin = await staffActor({ roles: ["security_admin"] });
    const target = await createStaff({
      roles: ["release_manager", "support"],
      boundary: ["releases:read", "customers:read", "audit:read"],
    });
    const detail = await getStaffUser({ actor: admin, input: { userId: target.id } });
    expect(detail.effectivePermissions).toEqual(["customers:read", "releases:read"]);
    const byName = new Map(detail.explanation.map((e) => [e.permission, e]));
    expect(byName.get("releases:read")).toEqual({
      permission: "releases:read",
      grantedBy: ["release_manager", "support"],
      withinBoundary: true,
      removedByBoundary: false,
      effective: true,
    });
    expect(byName.get("releases:publish")).toEqual({
      permission: "releases:publish",
      grantedBy: ["release_manager"],
      withinBoundary: false,
      removedByBoundary: true,
      effective: false,
    });
    expect(byName.get("audit:read")).toEqual({
      permission: "audit:read",
      grantedBy: [],
      withinBoundary: true,
      removedByBoundary: false,
      effective: false,
    });
    expect(detail.actions.suspend).toEqual({ allowed: true });
    expect(detail.actions.roles.find((r) => r.key === "security_admin")?.decision).toEqual({
      allowed: true,
    });
  });

  it("shows a bounded administrator what they cannot do, and why", async () => {
    const bounded = await staffActor({ roles: ["security_admin"], boundary: noSettings });
    const broad = await createStaff({ roles: ["security_admin"] });
    const detail = await getStaffUser({ actor: bounded, input: { userId: broad.id } });
    expect(detail.actions.suspend).toEqual({
      allowed: false,
      reason: expect.stringMatching(/can suspend them/),
    });
    expect(detail.actions.roles.find((r) => r.key === "security_admin")).toMatchObject({
      held: true,
      decision: { allowed: false },
    });
  });

  it("a customer user is not a staff user", async () => {
    const admin = await staffActor({ roles: ["security_admin"] });
    const customer = await createStaff({ kind: "CUSTOMER" });
    expect(
      await refusal(getStaffUser({ actor: admin, input: { userId: customer.id } })),
    ).toMatchObject({ status: 404 });
  });
});
