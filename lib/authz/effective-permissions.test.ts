import { describe, expect, it } from "vitest";
import { effectivePermissions, effectiveScopes } from "./effective-permissions";
import { ALL_PERMISSIONS } from "./permissions";

describe("effectivePermissions", () => {
  const roles = [
    { key: "publisher", permissions: ["releases:read", "releases:publish"] as const },
    { key: "reader", permissions: ["releases:read", "customers:read"] as const },
  ];

  it("is the union of the roles when there is no boundary", () => {
    const { permissions } = effectivePermissions({ roles, boundary: null });
    expect([...permissions].sort()).toEqual([
      "customers:read",
      "releases:publish",
      "releases:read",
    ]);
  });

  it("is cut down to the boundary", () => {
    const { permissions } = effectivePermissions({
      roles,
      boundary: ["releases:read", "settings:write"],
    });
    // settings:write is in the boundary but no role gives it: a boundary never grants.
    expect([...permissions]).toEqual(["releases:read"]);
  });

  it("explains every catalogue permission: who gives it and whether the boundary removed it", () => {
    const { explanation } = effectivePermissions({ roles, boundary: ["releases:read"] });
    expect(explanation).toHaveLength(ALL_PERMISSIONS.length);
    const by = new Map(explanation.map((e) => [e.permission, e]));
    expect(by.get("releases:read")).toEqual({
      permission: "releases:read",
      grantedBy: ["publisher", "reader"],
      withinBoundary: true,
      removedByBoundary: false,
      effective: true,
    });
    expect(by.get("releases:publish")).toEqual({
      permission: "releases:publish",
      grantedBy: ["publisher"],
      withinBoundary: false,
      removedByBoundary: true,
      effective: false,
    });
    expect(by.get("audit:read")).toEqual({
      permission: "audit:read",
      grantedBy: [],
      withinBoundary: false,
      removedByBoundary: false,
      effective: false,
    });
  });

  it("reports withinBoundary as null without a boundary", () => {
    const { explanation } = effectivePermissions({ roles, boundary: null });
    expect(explanation.every((e) => e.withinBoundary === null)).toBe(true);
  });

  it("an empty boundary removes everything", () => {
    expect(effectivePermissions({ roles, boundary: [] }).permissions.size).toBe(0);
  });
});

describe("effectiveScopes", () => {
  it("bounds an API client's scopes like a user's roles", () => {
    expect([
      ...effectiveScopes({
        scopes: ["releases:write", "releases:publish"],
        boundary: ["releases:write"],
      }),
    ]).toEqual(["releases:write"]);
    expect([...effectiveScopes({ scopes: ["releases:write"], boundary: null })]).toEqual([
      "releases:write",
    ]);
  });
});
