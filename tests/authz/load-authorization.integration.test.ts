import { describe, expect, it } from "vitest";
import { BUILT_IN_ROLES, ensureBuiltInRoles } from "@/lib/authz/built-in-roles";
import { loadClientAuthorization } from "@/lib/authz/load-client-authorization";
import { loadUserAuthorization } from "@/lib/authz/load-user-authorization";
import { db } from "@/lib/db/client";
import { builtInRoleIds, createBoundaryRow, createStaff, unique } from "./factories";

describe("ensureBuiltInRoles", () => {
  it("is idempotent and restores a built-in role's definition", async () => {
    const first = await builtInRoleIds();
    const again = await db().$transaction((tx) => ensureBuiltInRoles(tx));
    expect(again).toEqual(first);
    for (const role of BUILT_IN_ROLES) {
      const row = await db().role.findUniqueOrThrow({ where: { key: role.key } });
      expect([row.builtIn, row.permissions]).toEqual([true, [...role.permissions]]);
    }
  });

  it("refuses to adopt a custom role squatting a built-in key", async () => {
    await builtInRoleIds();
    // Inside a transaction that is rolled back, so parallel tests never see the squatter.
    const rollback = new Error("rollback");
    const outcome = db().$transaction(async (tx) => {
      await tx.role.update({ where: { key: "read_only" }, data: { builtIn: false } });
      const error: unknown = await ensureBuiltInRoles(tx).then(
        () => null,
        (e: unknown) => e,
      );
      expect(String(error)).toMatch(/A custom role uses the built-in key "read_only"/);
      throw rollback;
    });
    await expect(outcome).rejects.toBe(rollback);
    expect((await db().role.findUniqueOrThrow({ where: { key: "read_only" } })).builtIn).toBe(true);
  });
});

describe("loadUserAuthorization", () => {
  it("returns role keys, effective permissions and the boundary", async () => {
    const user = await createStaff({
      roles: ["release_manager", "auditor"],
      boundary: ["releases:read", "audit:read", "settings:write"],
    });
    const auth = await loadUserAuthorization(db(), user.id);
    expect(auth?.roles).toEqual(["auditor", "release_manager"]);
    expect([...(auth?.permissions ?? [])]).toEqual(["releases:read", "audit:read"]);
    expect(auth?.boundary?.permissions).toEqual(["releases:read", "audit:read", "settings:write"]);
    expect(auth?.status).toBe("ACTIVE");
  });

  it("ignores permission strings the catalogue does not know", async () => {
    const role = await db().role.create({
      data: {
        key: unique("legacy"),
        name: "legacy",
        permissions: ["releases:read", "everything:*", "releases:nuke"],
      },
    });
    const user = await createStaff({ roles: [role.id] });
    expect([...((await loadUserAuthorization(db(), user.id))?.permissions ?? [])]).toEqual([
      "releases:read",
    ]);
  });

  it("gives a customer user nothing from a stray staff role", async () => {
    const user = await createStaff({ kind: "CUSTOMER", roles: ["security_admin"] });
    const auth = await loadUserAuthorization(db(), user.id);
    expect([auth?.roles, auth?.permissions.size]).toEqual([[], 0]);
  });

  it("returns null for an unknown user", async () => {
    expect(await loadUserAuthorization(db(), "usr_missing")).toBeNull();
  });
});

describe("loadClientAuthorization", () => {
  it("bounds a pipeline's scopes and gives a revoked client nothing", async () => {
    const boundary = await createBoundaryRow(["releases:write", "releases:read"]);
    const client = await db().apiClient.create({
      data: {
        clientId: unique("pipe"),
        name: "pipeline",
        kind: "PIPELINE",
        scopes: ["releases:write", "releases:publish"],
        boundaryId: boundary.id,
      },
    });
    expect([...((await loadClientAuthorization(db(), client.id))?.scopes ?? [])]).toEqual([
      "releases:write",
    ]);
    await db().apiClient.update({ where: { id: client.id }, data: { status: "REVOKED" } });
    expect((await loadClientAuthorization(db(), client.id))?.scopes.size).toBe(0);
  });
});
