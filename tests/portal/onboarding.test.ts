// Onboarding a customer's people: vendor staff with customers:write, or the customer's own
// administrator for their own customer only. Audited in the same transaction; a removed user's
// sessions end at once.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { resolveSession } from "@/lib/identity/resolve-session";
import { decideSignIn } from "@/lib/identity/sign-in-policy";
import { inviteCustomerUser } from "@/lib/portal/invite-customer-user";
import { listCustomerMembers } from "@/lib/portal/list-customer-members";
import { removeCustomerUser } from "@/lib/portal/remove-customer-user";
import { resendCustomerInvitation } from "@/lib/portal/resend-customer-invitation";
import { setCustomerUserRole } from "@/lib/portal/set-customer-user-role";
import { staffActorFor } from "@/lib/identity/identity-actor";
import { createStaffUser, ctxFor, uid } from "../identity/factories";
import { codeOf, portalUser } from "./factories";

async function customer() {
  return db().customer.create({ data: { slug: `onb-${uid()}`, name: "Onboarding customer" } });
}

async function staff(permissions: ("customers:write" | "customers:read")[]) {
  const user = await createStaffUser({ permissions });
  return staffActorFor(db(), user, { id: null, stepUpAt: null });
}

const email = () => `new-${uid()}@globex.test`;

describe("inviting customer users", () => {
  it("staff with customers:write invite; the invitation is pending and audited, and the invitee may sign in", async () => {
    const c = await customer();
    const actor = await staff(["customers:read", "customers:write"]);
    const address = email();
    const { userId } = await inviteCustomerUser({
      actor,
      input: { customerId: c.id, email: address.toUpperCase(), role: "MEMBER" },
      request: ctxFor(),
    });
    const members = await listCustomerMembers({ actor, input: { customerId: c.id } });
    expect(members).toEqual([
      expect.objectContaining({ userId, email: address, role: "MEMBER", pending: true }),
    ]);
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "customers.user_invited", targetId: c.id },
    });
    expect(audit).toMatchObject({ actorId: actor.userId, result: "SUCCESS" });
    expect(audit.metadata).toMatchObject({ userId, email: address });
    // The customer sign-in policy admits a member, so the first sign-in succeeds.
    const user = await db().user.findUniqueOrThrow({
      where: { id: userId },
      include: { _count: { select: { memberships: true } } },
    });
    expect(
      decideSignIn(
        "customer",
        { email: address, emailVerified: true, groups: [] },
        {
          kind: user.kind,
          status: user.status,
          invitedAt: null,
          membershipCount: user._count.memberships,
        },
        { emailDomains: [], groups: [] },
      ),
    ).toEqual({ allowed: true, provision: false });
  });

  it("refuses staff without customers:write, customer members, and duplicates", async () => {
    const c = await customer();
    expect(
      await codeOf(
        inviteCustomerUser({
          actor: await staff(["customers:read"]),
          input: { customerId: c.id, email: email() },
        }),
      ),
    ).toBe("forbidden");
    const member = await portalUser(c.id, "MEMBER");
    expect(
      await codeOf(
        inviteCustomerUser({ actor: member, input: { customerId: c.id, email: email() } }),
      ),
    ).toBe("forbidden");
    const admin = await portalUser(c.id);
    expect(
      await codeOf(
        inviteCustomerUser({ actor: admin, input: { customerId: c.id, email: member.email } }),
      ),
    ).toBe("conflict");
    const staffUser = await createStaffUser();
    expect(
      await codeOf(
        inviteCustomerUser({ actor: admin, input: { customerId: c.id, email: staffUser.email } }),
      ),
    ).toBe("conflict");
  });

  it("a customer administrator invites into their own customer only: another customer is a 404", async () => {
    const mine = await customer();
    const theirs = await customer();
    const admin = await portalUser(mine.id);
    expect(
      await codeOf(
        inviteCustomerUser({ actor: admin, input: { customerId: mine.id, email: email() } }),
      ),
    ).toBe("ok");
    expect(
      await codeOf(
        inviteCustomerUser({ actor: admin, input: { customerId: theirs.id, email: email() } }),
      ),
    ).toBe("not_found");
    expect(
      await codeOf(
        inviteCustomerUser({ actor: admin, input: { customerId: `cus_${uid()}`, email: email() } }),
      ),
    ).toBe("not_found");
    expect(await db().customerMembership.count({ where: { customerId: theirs.id } })).toBe(0);
  });
});

describe("resending, revoking and removing", () => {
  it("resends and revokes a pending invitation (the unused user goes too), both audited", async () => {
    const c = await customer();
    const admin = await portalUser(c.id);
    const { userId } = await inviteCustomerUser({
      actor: admin,
      input: { customerId: c.id, email: email() },
    });
    await resendCustomerInvitation({ actor: admin, input: { customerId: c.id, userId } });
    expect(
      await db().auditEvent.count({
        where: { action: "customers.invitation_resent", targetId: c.id },
      }),
    ).toBe(1);
    expect(await removeCustomerUser({ actor: admin, input: { customerId: c.id, userId } })).toEqual(
      { removed: "invitation" },
    );
    expect(await db().user.findUnique({ where: { id: userId } })).toBeNull();
    expect(
      await db().auditEvent.count({
        where: { action: "customers.invitation_revoked", targetId: c.id },
      }),
    ).toBe(1);
  });

  it("removing a user ends their sessions at once, so the next request is signed out", async () => {
    const c = await customer();
    const colleague = await portalUser(c.id, "MEMBER");
    const before = await resolveSession(colleague.token, ctxFor());
    expect(before.status).toBe("active");
    const actor = await staff(["customers:write"]);
    expect(
      await removeCustomerUser({ actor, input: { customerId: c.id, userId: colleague.userId } }),
    ).toEqual({ removed: "user" });
    expect((await resolveSession(colleague.token, ctxFor())).status).toBe("unknown");
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "customers.user_removed", targetId: c.id },
    });
    expect(audit.metadata).toMatchObject({ userId: colleague.userId, sessionsEnded: 1 });
    expect(
      await codeOf(
        resendCustomerInvitation({ actor, input: { customerId: c.id, userId: colleague.userId } }),
      ),
    ).toBe("not_found");
  });

  it("makes a user the customer's administrator; an administrator cannot demote or remove themselves", async () => {
    const c = await customer();
    const admin = await portalUser(c.id);
    const colleague = await portalUser(c.id, "MEMBER");
    await setCustomerUserRole({
      actor: admin,
      input: { customerId: c.id, userId: colleague.userId, role: "ADMIN" },
    });
    const row = await db().customerMembership.findFirstOrThrow({
      where: { userId: colleague.userId },
    });
    expect(row.role).toBe("ADMIN");
    expect(
      await db().auditEvent.count({
        where: { action: "customers.user_role_changed", targetId: c.id },
      }),
    ).toBe(1);
    expect(
      await codeOf(
        setCustomerUserRole({
          actor: admin,
          input: { customerId: c.id, userId: admin.userId, role: "MEMBER" },
        }),
      ),
    ).toBe("conflict");
    expect(
      await codeOf(
        removeCustomerUser({ actor: admin, input: { customerId: c.id, userId: admin.userId } }),
      ),
    ).toBe("conflict");
    expect(
      await codeOf(
        resendCustomerInvitation({
          actor: admin,
          input: { customerId: c.id, userId: colleague.userId },
        }),
      ),
    ).toBe("conflict");
  });

  it("treats another customer's user as missing, for staff of the wrong customer id and for customer admins", async () => {
    const mine = await customer();
    const theirs = await customer();
    const admin = await portalUser(mine.id);
    const stranger = await portalUser(theirs.id, "MEMBER");
    const input = { customerId: mine.id, userId: stranger.userId };
    expect(await codeOf(removeCustomerUser({ actor: admin, input }))).toBe("not_found");
    expect(
      await codeOf(setCustomerUserRole({ actor: admin, input: { ...input, role: "ADMIN" } })),
    ).toBe("not_found");
    expect(await codeOf(resendCustomerInvitation({ actor: admin, input }))).toBe("not_found");
    expect(
      await codeOf(
        removeCustomerUser({
          actor: admin,
          input: { customerId: theirs.id, userId: stranger.userId },
        }),
      ),
    ).toBe("not_found");
    expect(
      await codeOf(listCustomerMembers({ actor: admin, input: { customerId: theirs.id } })),
    ).toBe("not_found");
    expect((await resolveSession(stranger.token, ctxFor())).status).toBe("active");
  });
});
