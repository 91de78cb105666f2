import { beforeAll, describe, expect, it } from "vitest";
import { assignRole } from "@/lib/authz/assign-role";
import { removeRole } from "@/lib/authz/remove-role";
import { ALL_PERMISSIONS } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import {
  actorFor,
  builtInRoleIds,
  createCustomRole,
  createStaff,
  expectDeniedAudit,
  expectSuccessAudit,
  newRequest,
  refusal,
  staffActor,
} from "./factories";

const noSettings = ALL_PERMISSIONS.filter(
  (p) => !p.startsWith("settings:") && !p.startsWith("update:"),
);
let roles: Record<string, string>;

beforeAll(async () => {
  roles = await builtInRoleIds();
});

const rolesOf = async (userId: string) =>
  (
    await db().roleAssignment.findMany({
      where: { userId },
      select: { role: { select: { key: true } } },
    })
  )
    .map((a) => a.role.key)
    .sort();

describe("assignRole", () => {
  it("a security administrator assigns a role; the event has before/after and the actor snapshot", async () => {
    const admin = await staffActor({ roles: ["security_admin"] });
    const target = await createStaff({ roles: ["support"] });
    const request = newRequest();
    const result = await assignRole({
      actor: admin,
      input: { userId: target.id, roleId: roles.release_manager ?? "" },
      request,
    });
    expect(result).toEqual({ status: "applied", roles: ["release_manager", "support"] });
    expect(await rolesOf(target.id)).toEqual(["release_manager", "support"]);
    const event = await expectSuccessAudit(request, admin, "users.roles_changed", {
      before: { roles: ["support"] },
      after: { roles: ["release_manager", "support"] },
    });
    expect(event?.targetId).toBe(target.id);
    expect(event?.actorRoles).toEqual(["security_admin"]);
    expect(event?.actorPermissions).toContain("roles:assign");
  });

  it("an administrator with a boundary cannot grant a role outside it; refused, audited, unchanged", async () => {
    const bounded = await staffActor({ roles: ["security_admin"], boundary: noSettings });
    const target = await createStaff();
    const request = newRequest();
    const error = await refusal(
      assignRole({
        actor: bounded,
        input: { userId: target.id, roleId: roles.security_admin ?? "" },
        request,
      }),
    );
    expect(error).toMatchObject({ status: 403, code: "forbidden" });
    expect(error.message).toBe(
      'The role "security_admin" grants settings:read, settings:write, which you do not hold: you can only assign roles within your own permissions.',
    );
    expect(await rolesOf(target.id)).toEqual([]);
    await expectDeniedAudit(request, bounded, /settings:read, settings:write/);
  });

  it("the bounded administrator can still grant a custom role inside the boundary", async () => {
    const bounded = await staffActor({ roles: ["security_admin"], boundary: noSettings });
    const inside = await createCustomRole(["releases:read", "releases:publish"]);
    const target = await createStaff();
    const result = await assignRole({
      actor: bounded,
      input: { userId: target.id, roleId: inside.id },
      request: newRequest(),
    });
    expect(result).toEqual({ status: "applied", roles: [inside.key] });
  });

  it("nobody can change their own roles", async () => {
    const admin = await staffActor({ roles: ["security_admin"] });
    const request = newRequest();
    const error = await refusal(
      assignRole({
        actor: admin,
        input: { userId: admin.userId, roleId: roles.auditor ?? "" },
        request,
      }),
    );
    expect(error).toMatchObject({
      status: 403,
      message: "You cannot change your own roles; ask another administrator.",
    });
    expect(await rolesOf(admin.userId)).toEqual(["security_admin"]);
    await expectDeniedAudit(request, admin, /own roles/);
  });

  it("a release manager cannot assign roles at all", async () => {
    const rm = await staffActor({ roles: ["release_manager"] });
    const target = await createStaff();
    const request = newRequest();
    const error = await refusal(
      assignRole({ actor: rm, input: { userId: target.id, roleId: roles.support ?? "" }, request }),
    );
    expect(error.message).toBe("You need the permission roles:assign to assign roles.");
    await expectDeniedAudit(request, rm, /roles:assign/);
  });

  it("the policy judges the actor's current roles, not the ones their session started with", async () => {
    const admin = await createStaff({ roles: ["security_admin"] });
    const stale = await actorFor(admin.id);
    await db().roleAssignment.deleteMany({ where: { userId: admin.id } });
    const target = await createStaff();
    const error = await refusal(
      assignRole({
        actor: stale,
        input: { userId: target.id, roleId: roles.support ?? "" },
        request: newRequest(),
      }),
    );
    expect(error.message).toBe("You need the permission roles:assign to assign roles.");
  });

  it("unknown users and roles are 404s, and a role already held is a conflict", async () => {
    const admin = await staffActor({ roles: ["security_admin"] });
    const target = await createStaff({ roles: ["support"] });
    expect(
      await refusal(
        assignRole({ actor: admin, input: { userId: "usr_nope", roleId: roles.support ?? "" } }),
      ),
    ).toMatchObject({ status: 404 });
    expect(
      await refusal(assignRole({ actor: admin, input: { userId: target.id, roleId: "rol_nope" } })),
    ).toMatchObject({ status: 404 });
    expect(
      await refusal(
        assignRole({ actor: admin, input: { userId: target.id, roleId: roles.support ?? "" } }),
      ),
    ).toMatchObject({ status: 409 });
  });

  it("customer users cannot be given staff roles", async () => {
    const admin = await staffActor({ roles: ["security_admin"] });
    const customer = await createStaff({ kind: "CUSTOMER" });
    expect(
      await refusal(
        assignRole({ actor: admin, input: { userId: customer.id, roleId: roles.support ?? "" } }),
      ),
    ).toMatchObject({ status: 404 });
  });
});

describe("removeRole", () => {
  it("removes a role with before/after in the audit trail", async () => {
    const admin = await staffActor({ roles: ["security_admin"] });
    const target = await createStaff({ roles: ["support", "auditor"] });
    const request = newRequest();
    expect(
      await removeRole({
        actor: admin,
        input: { userId: target.id, roleId: roles.auditor ?? "" },
        request,
      }),
    ).toEqual({ roles: ["support"] });
    await expectSuccessAudit(request, admin, "users.roles_changed", {
      before: { roles: ["auditor", "support"] },
      after: { roles: ["support"] },
    });
  });

  it("nobody removes their own role", async () => {
    const admin = await staffActor({ roles: ["security_admin", "auditor"] });
    const request = newRequest();
    const error = await refusal(
      removeRole({
        actor: admin,
        input: { userId: admin.userId, roleId: roles.auditor ?? "" },
        request,
      }),
    );
    expect(error.message).toMatch(/own roles/);
    expect(await rolesOf(admin.userId)).toEqual(["auditor", "security_admin"]);
    await expectDeniedAudit(request, admin, /own roles/);
  });

  it("a bounded administrator cannot strip a broader administrator", async () => {
    const bounded = await staffActor({ roles: ["security_admin"], boundary: noSettings });
    const broad = await createStaff({ roles: ["security_admin"] });
    const request = newRequest();
    const error = await refusal(
      removeRole({
        actor: bounded,
        input: { userId: broad.id, roleId: roles.security_admin ?? "" },
        request,
      }),
    );
    expect(error.message).toMatch(
      /grants settings:read, settings:write, which you do not hold: you can only remove roles within your own permissions/,
    );
    await expectDeniedAudit(request, bounded, /only remove roles/);
  });

  it("removing a role the user does not hold is a 404", async () => {
    const admin = await staffActor({ roles: ["security_admin"] });
    const target = await createStaff();
    expect(
      await refusal(
        removeRole({ actor: admin, input: { userId: target.id, roleId: roles.support ?? "" } }),
      ),
    ).toMatchObject({ status: 404 });
  });
});
