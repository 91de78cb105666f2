import { describe, expect, it } from "vitest";
import { AGENT_SCOPES, BUILT_IN_ROLES, builtInRole } from "./built-in-roles";
import { ALL_PERMISSIONS, type Permission } from "./permissions";

const perms = (key: string): readonly Permission[] => builtInRole(key)?.permissions ?? [];
const writes = (list: readonly Permission[]) => list.filter((p) => !p.endsWith(":read"));

describe("built-in roles", () => {
  it("are the five the product ships with", () => {
    expect(BUILT_IN_ROLES.map((r) => r.key)).toEqual([
      "security_admin",
      "release_manager",
      "support",
      "auditor",
      "read_only",
    ]);
  });

  it("security administrator holds everything except the agent scopes", () => {
    expect([...perms("security_admin")].sort()).toEqual(
      ALL_PERMISSIONS.filter((p) => !AGENT_SCOPES.includes(p)).sort(),
    );
  });

  it("no built-in role holds an agent scope", () => {
    for (const role of BUILT_IN_ROLES)
      expect(
        role.permissions.filter((p) => AGENT_SCOPES.includes(p)),
        role.key,
      ).toEqual([]);
  });

  it("release manager publishes and yanks but administers nothing", () => {
    expect(perms("release_manager")).toEqual(
      expect.arrayContaining([
        "releases:publish",
        "releases:yank",
        "artifacts:write",
        "products:write",
      ]),
    );
    expect(
      perms("release_manager").filter((p) =>
        /^(roles|users|boundaries|sessions|settings|audit):/.test(p),
      ),
    ).toEqual([]);
  });

  it("support and read-only change nothing", () => {
    expect(writes(perms("support"))).toEqual([]);
    expect(writes(perms("read_only"))).toEqual([]);
  });

  it("read-only reads everything but the audit trail", () => {
    const reads = ALL_PERMISSIONS.filter((p) => p.endsWith(":read") && p !== "audit:read");
    expect([...perms("read_only")].sort()).toEqual(reads.sort());
  });

  it("auditor reads and exports the audit trail and reviews access, and changes nothing else", () => {
    expect([...perms("auditor")].sort()).toEqual([
      "alerts:read",
      "audit:export",
      "audit:read",
      "boundaries:read",
      "roles:read",
      "sessions:read",
      "users:read",
    ]);
  });

  it("lists each permission once, in catalogue order", () => {
    for (const role of BUILT_IN_ROLES) {
      const order = role.permissions.map((p) => ALL_PERMISSIONS.indexOf(p));
      expect(order, role.key).toEqual([...new Set(order)].sort((a, b) => a - b));
    }
  });
});
