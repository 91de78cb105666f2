// The no-lockout rule needs a database where the number of role managers is known, so this file
// runs on a database of its own.
import { beforeEach, describe, expect, it } from "vitest";
import { removeRole } from "@/lib/authz/remove-role";
import { setUserBoundary } from "@/lib/authz/set-user-boundary";
import { updateRole } from "@/lib/authz/update-role";
import { db } from "@/lib/db/client";
import { suspendUser } from "@/lib/users/suspend-user";
import {
  createBoundaryRow,
  createCustomRole,
  createStaff,
  expectDeniedAudit,
  newRequest,
  refusal,
  staffActor,
} from "./factories";
import { withIsolatedDatabase } from "./isolated-database";

withIsolatedDatabase();

const lockout =
  /This would leave nobody able to manage roles: .* is the last active user holding roles:write and roles:assign\./;

// Each test starts with nobody able to manage roles, then builds exactly the people it needs.
beforeEach(async () => {
  await db().user.updateMany({ where: { kind: "STAFF" }, data: { status: "SUSPENDED" } });
});

describe("the last user able to manage roles", () => {
  it("cannot lose the role that makes them one", async () => {
    const writers = await createCustomRole(["roles:write"]);
    const assigners = await createCustomRole(["roles:assign"]);
    const last = await createStaff({ roles: [writers.id, assigners.id] });
    // Holds roles:assign but not roles:write: may remove `assigners`, is not a role manager.
    const clerk = await staffActor({ roles: [assigners.id] });
    const request = newRequest();
    const error = await refusal(
      removeRole({ actor: clerk, input: { userId: last.id, roleId: assigners.id }, request }),
    );
    expect(error.status).toBe(403);
    expect(error.message).toMatch(lockout);
    expect(await db().roleAssignment.count({ where: { userId: last.id } })).toBe(2);
    await expectDeniedAudit(request, clerk, lockout);
  });

  it("cannot be stripped by editing their role", async () => {
    const writers = await createCustomRole(["roles:write"]);
    const assigners = await createCustomRole(["roles:assign"]);
    const last = await createStaff({ roles: [writers.id, assigners.id] });
    const editor = await staffActor({ roles: [(await createCustomRole(["roles:write"])).id] });
    const request = newRequest();
    const error = await refusal(
      updateRole({ actor: editor, input: { roleId: writers.id, permissions: [] }, request }),
    );
    expect(error.message).toMatch(lockout);
    expect((await db().role.findUniqueOrThrow({ where: { id: writers.id } })).permissions).toEqual([
      "roles:write",
    ]);
    expect((await db().user.findUniqueOrThrow({ where: { id: last.id } })).status).toBe("ACTIVE");
    await expectDeniedAudit(request, editor, lockout);
  });

  // Anyone allowed to suspend or re-bound a user holds everything that user holds, so an actor
  // able to act on the last role manager is a role manager too: the within-permissions rule
  // refuses first, and the lockout rule stands behind it (lib/authz/policy.test.ts).
  it("cannot be suspended or bounded out by anyone else in the system", async () => {
    const last = await createStaff({ roles: ["security_admin"], sessions: 1 });
    const helper = await staffActor({
      roles: [(await createCustomRole(["users:write", "users:read", "boundaries:write"])).id],
    });
    const boundary = await createBoundaryRow(["users:write"]);
    const suspended = newRequest();
    expect(
      await refusal(suspendUser({ actor: helper, input: { userId: last.id }, request: suspended })),
    ).toMatchObject({ status: 403 });
    await expectDeniedAudit(suspended, helper, /can suspend them/);
    const bounded = newRequest();
    expect(
      await refusal(
        setUserBoundary({
          actor: helper,
          input: { userId: last.id, boundaryId: boundary.id },
          request: bounded,
        }),
      ),
    ).toMatchObject({ status: 403 });
    await expectDeniedAudit(bounded, helper, /change their boundary/);
    const after = await db().user.findUniqueOrThrow({
      where: { id: last.id },
      include: { sessions: true },
    });
    expect([after.status, after.boundaryId, after.sessions.length]).toEqual(["ACTIVE", null, 1]);
  });

  it("with a second role manager, the first can be suspended", async () => {
    const first = await createStaff({ roles: ["security_admin"] });
    const second = await staffActor({ roles: ["security_admin"] });
    expect(await suspendUser({ actor: second, input: { userId: first.id } })).toMatchObject({
      status: "SUSPENDED",
    });
  });
});
