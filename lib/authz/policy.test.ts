import { describe, expect, it } from "vitest";
import { heldPermissions, type AuthzState, type StateUser } from "./authz-state";
import { builtInRole } from "./built-in-roles";
import {
  canAssignRole,
  canCreateOrEditBoundary,
  canCreateOrEditRole,
  canDecideApproval,
  canDeleteBoundary,
  canDeleteRole,
  canInviteUser,
  canReactivateUser,
  canRemoveRole,
  canResetMfa,
  canRevokeSessions,
  canSetBoundary,
  canSetClientScopes,
  canSuspendUser,
  grantablePermissions,
  type Decision,
  type PolicyActor,
} from "./policy";
import { ALL_PERMISSIONS, type Permission } from "./permissions";

const builtIn = (key: string) => {
  const role = builtInRole(key);
  if (!role) throw new Error(key);
  return { id: key, key, builtIn: true, permissions: role.permissions };
};
const user = (id: string, roleIds: string[], extra: Partial<StateUser> = {}): StateUser => ({
  id,
  label: `${id}@vendor.test`,
  status: "ACTIVE",
  roleIds,
  boundaryId: null,
  ...extra,
});
const withoutSettings = ALL_PERMISSIONS.filter(
  (p) => !p.startsWith("settings:") && !p.startsWith("update:"),
);

// root and admin2 are unbounded security administrators; `bounded` is one without settings.
const state: AuthzState = {
  roles: [
    builtIn("security_admin"),
    builtIn("release_manager"),
    builtIn("support"),
    {
      id: "rolemgr",
      key: "role_manager",
      builtIn: false,
      permissions: ["roles:read", "roles:write", "roles:assign"],
    },
    {
      id: "settings",
      key: "settings_admin",
      builtIn: false,
      permissions: ["settings:read", "settings:write"],
    },
    {
      id: "publisher",
      key: "publisher",
      builtIn: false,
      permissions: ["releases:read", "releases:publish"],
    },
  ],
  boundaries: [
    { id: "nosettings", name: "No settings", permissions: withoutSettings },
    {
      id: "readonly",
      name: "Read only",
      permissions: ALL_PERMISSIONS.filter((p) => p.endsWith(":read")),
    },
  ],
  users: [
    user("root", ["security_admin"]),
    user("admin2", ["security_admin"]),
    user("bounded", ["security_admin"], { boundaryId: "nosettings" }),
    user("release", ["release_manager"]),
    user("mgr", ["rolemgr", "publisher"]),
    user("settingsy", ["settings", "support"]),
    user("gone", ["security_admin"], { status: "SUSPENDED" }),
    user("fresh", []),
  ],
};

const withSpare: AuthzState = {
  ...state,
  boundaries: [
    ...state.boundaries,
    { id: "spare", name: "Spare", permissions: ["settings:write"] },
  ],
};

const as = (id: string, s: AuthzState = state): PolicyActor => ({
  userId: id,
  permissions: heldPermissions(s, id),
});

interface Row {
  name: string;
  decision: () => Decision;
  allowed: boolean;
  reason?: RegExp;
}

const rows: Row[] = [
  // creating and editing roles
  {
    name: "admin creates a role within their permissions",
    decision: () => canCreateOrEditRole(as("root"), state, { permissions: ["settings:write"] }),
    allowed: true,
  },
  {
    name: "release manager cannot create roles",
    decision: () => canCreateOrEditRole(as("release"), state, { permissions: ["releases:read"] }),
    allowed: false,
    reason: /You need the permission roles:write to create roles/,
  },
  {
    name: "bounded admin cannot create a role with settings:write",
    decision: () =>
      canCreateOrEditRole(as("bounded"), state, {
        permissions: ["releases:read", "settings:write"],
      }),
    allowed: false,
    reason: /cannot put settings:write, which you do not hold into a role/,
  },
  {
    name: "built-in roles cannot be edited",
    decision: () =>
      canCreateOrEditRole(as("root"), state, {
        roleId: "support",
        permissions: ["customers:read"],
      }),
    allowed: false,
    reason: /"support" is a built-in role/,
  },
  {
    name: "admin edits a custom role",
    decision: () =>
      canCreateOrEditRole(as("root"), state, {
        roleId: "publisher",
        permissions: ["releases:read"],
      }),
    allowed: true,
  },
  {
    name: "editing an unknown role",
    decision: () => canCreateOrEditRole(as("root"), state, { roleId: "nope", permissions: [] }),
    allowed: false,
    reason: /role does not exist/,
  },
  {
    name: "nobody edits a role they hold",
    decision: () =>
      canCreateOrEditRole(as("mgr"), state, {
        roleId: "rolemgr",
        permissions: ["roles:read", "roles:write", "roles:assign"],
      }),
    allowed: false,
    reason: /You hold the role "role_manager" yourself/,
  },
  {
    name: "bounded admin cannot edit a role granting settings they lack",
    decision: () =>
      canCreateOrEditRole(as("bounded"), state, {
        roleId: "settings",
        permissions: ["settings:read"],
      }),
    allowed: false,
    reason:
      /"settings_admin" grants settings:read, settings:write, which you do not hold; only someone who holds all of its permissions/,
  },
  {
    name: "bounded admin cannot widen a role beyond themselves",
    decision: () =>
      canCreateOrEditRole(as("bounded"), state, {
        roleId: "publisher",
        permissions: ["releases:read", "settings:write"],
      }),
    allowed: false,
    reason: /cannot put settings:write/,
  },
  {
    name: "bounded admin deletes a role within their permissions",
    decision: () => canDeleteRole(as("bounded"), state, { roleId: "publisher" }),
    allowed: true,
  },
  {
    name: "bounded admin cannot delete a role granting what they lack",
    decision: () => canDeleteRole(as("bounded"), state, { roleId: "settings" }),
    allowed: false,
    reason: /settings:read, settings:write, which you do not hold/,
  },
  {
    name: "built-in roles cannot be deleted",
    decision: () => canDeleteRole(as("root"), state, { roleId: "release_manager" }),
    allowed: false,
    reason: /cannot be deleted/,
  },
  {
    name: "nobody deletes a role they hold",
    decision: () => canDeleteRole(as("mgr"), state, { roleId: "rolemgr" }),
    allowed: false,
    reason: /yourself/,
  },
  {
    name: "deleting needs roles:write",
    decision: () => canDeleteRole(as("release"), state, { roleId: "publisher" }),
    allowed: false,
    reason: /roles:write to delete roles/,
  },
  // assigning and removing roles
  {
    name: "admin assigns release manager",
    decision: () =>
      canAssignRole(as("root"), state, { userId: "fresh", roleId: "release_manager" }),
    allowed: true,
  },
  {
    name: "nobody assigns themselves a role",
    decision: () => canAssignRole(as("root"), state, { userId: "root", roleId: "support" }),
    allowed: false,
    reason: /cannot change your own roles/,
  },
  {
    name: "bounded admin cannot assign security_admin",
    decision: () =>
      canAssignRole(as("bounded"), state, { userId: "fresh", roleId: "security_admin" }),
    allowed: false,
    reason:
      /"security_admin" grants settings:read, settings:write, which you do not hold: you can only assign roles within your own permissions/,
  },
  {
    name: "role manager assigns a role within their permissions",
    decision: () => canAssignRole(as("mgr"), state, { userId: "fresh", roleId: "publisher" }),
    allowed: true,
  },
  {
    name: "role manager cannot assign support (needs reads they lack)",
    decision: () => canAssignRole(as("mgr"), state, { userId: "fresh", roleId: "support" }),
    allowed: false,
    reason: /customers:read/,
  },
  {
    name: "assigning needs roles:assign",
    decision: () => canAssignRole(as("release"), state, { userId: "fresh", roleId: "support" }),
    allowed: false,
    reason: /roles:assign to assign roles/,
  },
  {
    name: "suspended administrators hold nothing",
    decision: () => canAssignRole(as("gone"), state, { userId: "fresh", roleId: "support" }),
    allowed: false,
    reason: /roles:assign/,
  },
  {
    name: "assigning to an unknown user",
    decision: () => canAssignRole(as("root"), state, { userId: "ghost", roleId: "support" }),
    allowed: false,
    reason: /user does not exist/,
  },
  {
    name: "admin removes a role",
    decision: () =>
      canRemoveRole(as("root"), state, { userId: "release", roleId: "release_manager" }),
    allowed: true,
  },
  {
    name: "nobody removes their own role",
    decision: () => canRemoveRole(as("root"), state, { userId: "root", roleId: "security_admin" }),
    allowed: false,
    reason: /cannot change your own roles/,
  },
  {
    name: "bounded admin cannot remove a role granting what they lack",
    decision: () =>
      canRemoveRole(as("bounded"), state, { userId: "admin2", roleId: "security_admin" }),
    allowed: false,
    reason: /only remove roles within your own permissions/,
  },
  // boundaries
  {
    name: "admin creates a boundary",
    decision: () => canCreateOrEditBoundary(as("root"), state, { permissions: ["settings:read"] }),
    allowed: true,
  },
  {
    name: "bounded admin cannot create a boundary allowing settings",
    decision: () =>
      canCreateOrEditBoundary(as("bounded"), state, { permissions: ["settings:read"] }),
    allowed: false,
    reason: /into a boundary/,
  },
  {
    name: "boundaries need boundaries:write",
    decision: () => canCreateOrEditBoundary(as("mgr"), state, { permissions: [] }),
    allowed: false,
    reason: /boundaries:write to create boundaries/,
  },
  {
    name: "nobody edits the boundary that applies to them",
    decision: () =>
      canCreateOrEditBoundary(as("bounded"), state, {
        boundaryId: "nosettings",
        permissions: ["roles:read"],
      }),
    allowed: false,
    reason: /applies to you/,
  },
  {
    name: "admin narrows a boundary",
    decision: () =>
      canCreateOrEditBoundary(as("root"), state, {
        boundaryId: "readonly",
        permissions: ["audit:read"],
      }),
    allowed: true,
  },
  {
    name: "bounded admin cannot edit a boundary allowing what they lack",
    decision: () =>
      canCreateOrEditBoundary(as("bounded"), state, {
        boundaryId: "readonly",
        permissions: ["audit:read"],
      }),
    allowed: false,
    reason:
      /"Read only" allows settings:read, which you do not hold; only someone who holds all of it/,
  },
  {
    name: "admin bounds a release manager",
    decision: () =>
      canSetBoundary(as("root"), state, { userId: "release", boundaryId: "readonly" }),
    allowed: true,
  },
  {
    name: "nobody changes their own boundary",
    decision: () => canSetBoundary(as("bounded"), state, { userId: "bounded", boundaryId: null }),
    allowed: false,
    reason: /cannot change your own boundary/,
  },
  {
    name: "bounded admin cannot attach a boundary allowing more than they hold",
    decision: () =>
      canSetBoundary(as("bounded"), state, { userId: "release", boundaryId: "readonly" }),
    allowed: false,
    reason:
      /"Read only" allows settings:read, which you do not hold: you can only set a boundary within your own permissions/,
  },
  {
    name: "bounded admin attaches their own kind of boundary",
    decision: () =>
      canSetBoundary(as("bounded"), state, { userId: "release", boundaryId: "nosettings" }),
    allowed: true,
  },
  {
    name: "bounded admin cannot re-bound a broader admin",
    decision: () =>
      canSetBoundary(as("bounded"), state, { userId: "admin2", boundaryId: "nosettings" }),
    allowed: false,
    reason:
      /admin2@vendor.test holds settings:read, settings:write, which you do not hold; only someone who holds all of their permissions can change their boundary/,
  },
  {
    name: "detaching a boundary is judged by what it would give",
    decision: () => canSetBoundary(as("root"), state, { userId: "bounded", boundaryId: null }),
    allowed: true,
  },
  {
    name: "attaching an unknown boundary",
    decision: () => canSetBoundary(as("root"), state, { userId: "release", boundaryId: "nope" }),
    allowed: false,
    reason: /boundary does not exist/,
  },
  {
    name: "admin deletes an unused boundary",
    decision: () => canDeleteBoundary(as("root"), withSpare, { boundaryId: "spare" }),
    allowed: true,
  },
  {
    name: "deleting a boundary needs boundaries:write",
    decision: () => canDeleteBoundary(as("mgr"), withSpare, { boundaryId: "spare" }),
    allowed: false,
    reason: /boundaries:write to delete boundaries/,
  },
  {
    name: "bounded admin cannot delete a boundary allowing what they lack",
    decision: () => canDeleteBoundary(as("bounded"), withSpare, { boundaryId: "spare" }),
    allowed: false,
    reason:
      /"Spare" allows settings:write, which you do not hold; only someone who holds all of it can delete it/,
  },
  {
    name: "a boundary still in use cannot be deleted",
    decision: () => canDeleteBoundary(as("root"), state, { boundaryId: "nosettings" }),
    allowed: false,
    reason: /"No settings" still applies to 1 user; detach it first/,
  },
  // four-eyes decisions
  {
    name: "a second administrator may approve",
    decision: () =>
      canDecideApproval(as("admin2"), {
        requestedById: "root",
        permission: "roles:assign",
        decision: "approve",
      }),
    allowed: true,
  },
  {
    name: "nobody approves their own request",
    decision: () =>
      canDecideApproval(as("root"), {
        requestedById: "root",
        permission: "roles:assign",
        decision: "approve",
      }),
    allowed: false,
    reason: /cannot approve your own request/,
  },
  {
    name: "approving needs approvals:decide",
    decision: () =>
      canDecideApproval(as("mgr"), {
        requestedById: "root",
        permission: "roles:assign",
        decision: "approve",
      }),
    allowed: false,
    reason: /approvals:decide to approve requests/,
  },
  {
    name: "approving needs the permission the change exercises",
    decision: () =>
      canDecideApproval(as("bounded"), {
        requestedById: "root",
        permission: "settings:write",
        decision: "approve",
      }),
    allowed: false,
    reason: /settings:write to approve this request/,
  },
  {
    name: "rejecting does not need the permission itself",
    decision: () =>
      canDecideApproval(as("bounded"), {
        requestedById: "root",
        permission: "settings:write",
        decision: "reject",
      }),
    allowed: true,
  },
  // accounts
  {
    name: "admin suspends a release manager",
    decision: () => canSuspendUser(as("root"), state, { userId: "release" }),
    allowed: true,
  },
  {
    name: "nobody suspends themselves",
    decision: () => canSuspendUser(as("root"), state, { userId: "root" }),
    allowed: false,
    reason: /cannot suspend yourself/,
  },
  {
    name: "bounded admin cannot suspend a broader admin",
    decision: () => canSuspendUser(as("bounded"), state, { userId: "root" }),
    allowed: false,
    reason:
      /root@vendor.test holds settings:read, settings:write, which you do not hold; only someone who holds all of their permissions can suspend them/,
  },
  {
    name: "suspending needs users:write",
    decision: () => canSuspendUser(as("mgr"), state, { userId: "fresh" }),
    allowed: false,
    reason: /users:write to suspend users/,
  },
  {
    name: "admin reactivates a suspended admin",
    decision: () => canReactivateUser(as("root"), state, { userId: "gone" }),
    allowed: true,
  },
  {
    name: "bounded admin cannot reactivate a broader admin",
    decision: () => canReactivateUser(as("bounded"), state, { userId: "gone" }),
    allowed: false,
    reason: /can reactivate them/,
  },
  {
    name: "admin resets a user's MFA",
    decision: () => canResetMfa(as("root"), state, { userId: "release" }),
    allowed: true,
  },
  {
    name: "nobody resets their own MFA",
    decision: () => canResetMfa(as("root"), state, { userId: "root" }),
    allowed: false,
    reason: /your own MFA/,
  },
  {
    name: "bounded admin cannot reset a broader admin's MFA",
    decision: () => canResetMfa(as("bounded"), state, { userId: "admin2" }),
    allowed: false,
    reason: /reset their MFA/,
  },
  {
    name: "sessions can be revoked by a holder of sessions:revoke",
    decision: () => canRevokeSessions(as("bounded")),
    allowed: true,
  },
  {
    name: "revoking sessions needs sessions:revoke",
    decision: () => canRevokeSessions(as("release")),
    allowed: false,
    reason: /sessions:revoke/,
  },
  {
    name: "inviting needs users:write",
    decision: () => canInviteUser(as("release")),
    allowed: false,
    reason: /users:write to invite users/,
  },
  { name: "admin invites", decision: () => canInviteUser(as("root")), allowed: true },
  // API client scopes
  {
    name: "agents get agent scopes",
    decision: () =>
      canSetClientScopes(as("root"), {
        kind: "AGENT",
        scopes: ["update:check", "update:download"],
      }),
    allowed: true,
  },
  {
    name: "agents get nothing else",
    decision: () =>
      canSetClientScopes(as("root"), {
        kind: "AGENT",
        scopes: ["update:check", "releases:publish"],
      }),
    allowed: false,
    reason: /only be given update:check, update:download and update:report/,
  },
  {
    name: "pipelines get what their creator holds",
    decision: () =>
      canSetClientScopes(as("root"), {
        kind: "PIPELINE",
        scopes: ["releases:write", "releases:publish"],
      }),
    allowed: true,
  },
  {
    name: "pipelines never get agent scopes",
    decision: () =>
      canSetClientScopes(as("root"), { kind: "PIPELINE", scopes: ["update:download"] }),
    allowed: false,
    reason: /cannot be given agent scopes/,
  },
  {
    name: "bounded admin cannot give a pipeline settings:write",
    decision: () =>
      canSetClientScopes(as("bounded"), { kind: "PIPELINE", scopes: ["settings:write"] }),
    allowed: false,
    reason: /cannot give a pipeline settings:write/,
  },
  {
    name: "client scopes need api_clients:write",
    decision: () => canSetClientScopes(as("release"), { kind: "PIPELINE", scopes: [] }),
    allowed: false,
    reason: /api_clients:write/,
  },
];

describe("policy", () => {
  it.each(rows)("$name", ({ decision, allowed, reason }) => {
    const result = decision();
    expect(result.allowed).toBe(allowed);
    if (!result.allowed && reason) expect(result.reason).toMatch(reason);
    if (allowed) expect(result).toEqual({ allowed: true });
  });
});

describe("no lockout", () => {
  // One active role manager (solo); `helper` may assign roles and edit users but not manage roles.
  const lone: AuthzState = {
    roles: [
      builtIn("security_admin"),
      {
        id: "managers",
        key: "managers",
        builtIn: false,
        permissions: ["roles:write", "roles:assign", "users:write", "boundaries:write"],
      },
      {
        id: "helpers",
        key: "helpers",
        builtIn: false,
        permissions: [
          "roles:assign",
          "roles:write",
          "users:write",
          "boundaries:write",
          "sessions:revoke",
        ],
      },
    ],
    boundaries: [
      {
        id: "noassign",
        name: "No assigning",
        permissions: ALL_PERMISSIONS.filter((p) => p !== "roles:assign"),
      },
    ],
    users: [
      user("solo", ["security_admin"]),
      user("other", ["helpers"], { boundaryId: "noassign" }),
      user("old", ["managers"], { status: "SUSPENDED" }),
    ],
  };
  const lockout =
    /leave nobody able to manage roles: solo@vendor.test is the last active user holding roles:write and roles:assign/;

  it("the only role manager is `solo`", () => {
    expect(heldPermissions(lone, "other").has("roles:assign")).toBe(false);
  });

  const blocked: [string, (actor: PolicyActor) => Decision][] = [
    ["cannot be suspended", (a) => canSuspendUser(a, lone, { userId: "solo" })],
    [
      "cannot lose the role that makes them one",
      (a) => canRemoveRole(a, lone, { userId: "solo", roleId: "security_admin" }),
    ],
    [
      "cannot be bounded out of role management",
      (a) => canSetBoundary(a, lone, { userId: "solo", boundaryId: "noassign" }),
    ],
  ];
  // `other` holds everything these need except roles:assign, so the superuser stand-in below
  // (an actor object holding every permission) is what proves the lockout rule is the reason.
  const superuser: PolicyActor = {
    userId: "someone-else",
    permissions: new Set<Permission>(ALL_PERMISSIONS),
  };
  it.each(blocked)("the last role manager %s", (_name, decision) => {
    expect(decision(superuser)).toEqual({ allowed: false, reason: expect.stringMatching(lockout) });
  });

  // Reachable with real users: `boss` holds roles:write but not roles:assign, so is not a role
  // manager, and may edit or remove a role that gives solo one half of the ability.
  const split: AuthzState = {
    roles: [
      { id: "writers", key: "writers", builtIn: false, permissions: ["roles:write"] },
      { id: "assigners", key: "assigners", builtIn: false, permissions: ["roles:assign"] },
      {
        id: "boss",
        key: "boss",
        builtIn: false,
        permissions: ["roles:write", "users:write", "boundaries:write"],
      },
      { id: "clerk", key: "clerk", builtIn: false, permissions: ["roles:assign"] },
    ],
    boundaries: [],
    users: [
      user("solo", ["writers", "assigners"]),
      user("boss", ["boss"]),
      user("clerk", ["clerk"]),
    ],
  };

  it("editing a role cannot strip the last role manager", () => {
    expect(
      canCreateOrEditRole(as("boss", split), split, { roleId: "writers", permissions: [] }),
    ).toEqual({
      allowed: false,
      reason: expect.stringMatching(lockout),
    });
  });

  it("deleting a role cannot strip the last role manager", () => {
    expect(canDeleteRole(as("boss", split), split, { roleId: "writers" })).toEqual({
      allowed: false,
      reason: expect.stringMatching(lockout),
    });
  });

  it("removing half of the ability from the last role manager is refused", () => {
    expect(
      canRemoveRole(as("clerk", split), split, { userId: "solo", roleId: "assigners" }),
    ).toEqual({
      allowed: false,
      reason: expect.stringMatching(lockout),
    });
  });

  // Anyone allowed to edit a boundary that gives solo role management holds role management
  // too, so among real users the "within your permissions" rule refuses first; the lockout rule
  // still stands on its own, shown with an actor from outside the snapshot.
  it("editing a boundary cannot strip the last role manager", () => {
    const s: AuthzState = {
      ...lone,
      boundaries: [
        ...lone.boundaries,
        {
          id: "wide",
          name: "Wide",
          permissions: ["roles:write", "roles:assign", "boundaries:write"],
        },
      ],
      users: [user("solo", ["managers"], { boundaryId: "wide" })],
    };
    expect(
      canCreateOrEditBoundary(superuser, s, { boundaryId: "wide", permissions: ["roles:write"] }),
    ).toEqual({
      allowed: false,
      reason: expect.stringMatching(lockout),
    });
  });

  it("with a second active role manager the same changes are allowed", () => {
    const two: AuthzState = { ...lone, users: [...lone.users, user("backup", ["managers"])] };
    expect(canSuspendUser(superuser, two, { userId: "solo" })).toEqual({ allowed: true });
    expect(canRemoveRole(superuser, two, { userId: "solo", roleId: "security_admin" })).toEqual({
      allowed: true,
    });
  });

  it("a suspended role manager does not count", () => {
    expect(heldPermissions(lone, "old").size).toBe(0);
    expect(canSuspendUser(superuser, lone, { userId: "solo" }).allowed).toBe(false);
  });
});

describe("grantablePermissions", () => {
  it("disables what the actor does not hold, with a reason", () => {
    const byName = new Map(grantablePermissions(as("bounded")).map((g) => [g.permission, g]));
    expect(byName.get("roles:assign")).toEqual({ permission: "roles:assign", grantable: true });
    expect(byName.get("settings:write")).toEqual({
      permission: "settings:write",
      grantable: false,
      reason: "You do not hold this permission, so you cannot grant it.",
    });
    expect(byName.get("update:check")?.grantable).toBe(false);
    expect(byName.size).toBe(ALL_PERMISSIONS.length);
  });
});
