// Property tests of the anti-escalation policy: random authorization data, random sequences of
// administrative operations by random users; only the operations the policy allows are applied
// to an independent in-memory model (escalation-model.ts), and after every step:
//   1. nobody gained a permission the acting user did not hold;
//   2. nobody lost a permission the acting user did not hold;
//   3. no user ever holds a permission that nobody held at the start;
//   4. at least one active user can still manage roles (roles:write + roles:assign);
//   5. each kind of change was made by a holder of the permission for it;
//   6. the acting user's own roles, boundary, status, MFA and permissions did not change;
//   7. every role or boundary definition that changed, changed only in permissions the actor holds;
//   8. accounts (status, MFA) are changed only by someone holding all of the account's permissions;
//   9. built-in roles never change.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canAssignRole,
  canCreateOrEditBoundary,
  canCreateOrEditRole,
  canDeleteBoundary,
  canDeleteRole,
  canInviteUser,
  canReactivateUser,
  canRemoveRole,
  canResetMfa,
  canRevokeSessions,
  canSetBoundary,
  canSuspendUser,
  type Decision,
} from "@/lib/authz/policy";
import type { Permission } from "@/lib/authz/permissions";
import {
  cloneModel,
  effective,
  pick,
  potential,
  roleManagers,
  toState,
  type Model,
  type Op,
} from "./escalation-model";

// A small universe makes collisions (the interesting cases) frequent.
const UNIVERSE: Permission[] = [
  "roles:write",
  "roles:assign",
  "boundaries:write",
  "users:write",
  "sessions:revoke",
  "settings:write",
  "releases:publish",
  "audit:read",
];
const permsArb = fc.subarray(UNIVERSE);
// Definitions in operations are usually clipped to what the actor holds (likely to be allowed)
// and sometimes not (likely to be refused, and a breach if allowed).
const clipArb = fc.constantFrom(true, true, true, false);
const idx = fc.nat({ max: 20 });
// Most operations come from the administrators (u0, u1) so that many are allowed.
const actorIdx = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0, 1) },
  { weight: 2, arbitrary: idx },
);

const modelArb: fc.Arbitrary<Model> = fc
  .record({
    managerExtra: permsArb,
    // u0's ability to manage roles comes from one role, or half from each of two roles (so that
    // someone holding only one half can reach the last manager).
    split: fc.constantFrom("none", "extra-on-write", "extra-on-assign"),
    adminPerms: permsArb,
    adminBoundary: fc.option(permsArb, { nil: null }),
    roles: fc.array(fc.record({ perms: permsArb, builtIn: fc.boolean() }), {
      minLength: 1,
      maxLength: 5,
    }),
    boundaries: fc.array(permsArb, { maxLength: 3 }),
    users: fc.array(
      fc.record({
        roles: fc.array(idx, { maxLength: 3 }),
        boundary: fc.option(idx, { nil: null }),
        suspended: fc.boolean(),
        mfa: fc.boolean(),
        sessions: fc.nat({ max: 3 }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
  })
  .map(({ managerExtra, split, adminPerms, adminBoundary, roles, boundaries, users }) => {
    const m: Model = { roles: new Map(), boundaries: new Map(), users: new Map(), nextId: 0 };
    // u0 starts as a role manager, so the no-lockout property has something to protect.
    const extra = managerExtra.filter((p) => p !== "roles:write" && p !== "roles:assign");
    const rootRoles: Record<string, Permission[]> =
      split === "none"
        ? { root: ["roles:write", "roles:assign", ...extra] }
        : {
            root: ["roles:write", ...(split === "extra-on-write" ? extra : [])],
            root2: ["roles:assign", ...(split === "extra-on-assign" ? extra : [])],
          };
    for (const [id, perms] of Object.entries(rootRoles))
      m.roles.set(id, { perms: new Set(perms), builtIn: false });
    roles.forEach((r, i) => m.roles.set(`r${i}`, { perms: new Set(r.perms), builtIn: r.builtIn }));
    m.roles.set("admin", { perms: new Set(adminPerms), builtIn: false });
    boundaries.forEach((b, i) => m.boundaries.set(`b${i}`, new Set(b)));
    if (adminBoundary) m.boundaries.set("adminb", new Set(adminBoundary));
    const roleIds = [...m.roles.keys()];
    const boundaryIds = [...m.boundaries.keys()];
    m.users.set("u0", {
      status: "ACTIVE",
      roles: new Set(Object.keys(rootRoles)),
      boundary: null,
      mfa: true,
      sessions: 1,
    });
    // u1 is a second administrator, often bounded.
    m.users.set("u1", {
      status: "ACTIVE",
      roles: new Set(["admin"]),
      boundary: adminBoundary ? "adminb" : null,
      mfa: true,
      sessions: 1,
    });
    users.forEach((u, i) => {
      m.users.set(`u${i + 2}`, {
        status: u.suspended ? "SUSPENDED" : "ACTIVE",
        roles: new Set(u.roles.flatMap((r) => pick(roleIds, r) ?? [])),
        boundary: u.boundary === null ? null : (pick(boundaryIds, u.boundary) ?? null),
        mfa: u.mfa,
        sessions: u.sessions,
      });
    });
    m.nextId = 100;
    return m;
  });

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    t: fc.constant("createRole" as const),
    actor: actorIdx,
    perms: permsArb,
    clip: clipArb,
  }),
  fc.record({
    t: fc.constant("updateRole" as const),
    actor: actorIdx,
    role: idx,
    perms: permsArb,
    clip: clipArb,
  }),
  fc.record({ t: fc.constant("deleteRole" as const), actor: actorIdx, role: idx }),
  fc.record({ t: fc.constant("assignRole" as const), actor: actorIdx, user: idx, role: idx }),
  fc.record({ t: fc.constant("removeRole" as const), actor: actorIdx, user: idx, role: idx }),
  fc.record({
    t: fc.constant("createBoundary" as const),
    actor: actorIdx,
    perms: permsArb,
    clip: clipArb,
  }),
  fc.record({
    t: fc.constant("updateBoundary" as const),
    actor: actorIdx,
    boundary: idx,
    perms: permsArb,
    clip: clipArb,
  }),
  fc.record({ t: fc.constant("deleteBoundary" as const), actor: actorIdx, boundary: idx }),
  fc.record({
    t: fc.constant("setBoundary" as const),
    actor: actorIdx,
    user: idx,
    boundary: fc.option(idx, { nil: null }),
  }),
  fc.record({ t: fc.constant("suspend" as const), actor: actorIdx, user: idx }),
  fc.record({ t: fc.constant("reactivate" as const), actor: actorIdx, user: idx }),
  fc.record({ t: fc.constant("resetMfa" as const), actor: actorIdx, user: idx }),
  fc.record({ t: fc.constant("revokeSessions" as const), actor: actorIdx, user: idx }),
  fc.record({ t: fc.constant("invite" as const), actor: actorIdx }),
);

interface Step {
  actorId: string;
  held: Set<Permission>;
  decision: Decision;
  after: Model;
}

// Ask the policy; if it allows, apply the operation's effect to a copy of the model.
function step(m: Model, op: Op): Step | null {
  const userIds = [...m.users.keys()];
  const roleIds = [...m.roles.keys()];
  const boundaryIds = [...m.boundaries.keys()];
  const actorId = pick(userIds, op.actor);
  if (!actorId) return null;
  const held = effective(m, actorId);
  const actor = { userId: actorId, permissions: held };
  const state = toState(m);
  const after = cloneModel(m);
  const userId = "user" in op ? pick(userIds, op.user) : undefined;
  const target = userId ? after.users.get(userId) : undefined;
  const perms = "perms" in op ? (op.clip ? op.perms.filter((p) => held.has(p)) : op.perms) : [];
  let decision: Decision;
  let apply: () => void;
  switch (op.t) {
    case "createRole": {
      const id = `r${after.nextId++}`;
      decision = canCreateOrEditRole(actor, state, { permissions: perms });
      apply = () => after.roles.set(id, { perms: new Set(perms), builtIn: false });
      break;
    }
    case "updateRole": {
      const roleId = pick(roleIds, op.role);
      if (!roleId) return null;
      decision = canCreateOrEditRole(actor, state, { roleId, permissions: perms });
      apply = () =>
        after.roles.set(roleId, {
          perms: new Set(perms),
          builtIn: m.roles.get(roleId)?.builtIn ?? false,
        });
      break;
    }
    case "deleteRole": {
      const roleId = pick(roleIds, op.role);
      if (!roleId) return null;
      decision = canDeleteRole(actor, state, { roleId });
      apply = () => {
        after.roles.delete(roleId);
        for (const u of after.users.values()) u.roles.delete(roleId);
      };
      break;
    }
    case "assignRole": {
      const roleId = pick(roleIds, op.role);
      if (!roleId || !userId || !target) return null;
      decision = canAssignRole(actor, state, { userId, roleId });
      apply = () => target.roles.add(roleId);
      break;
    }
    case "removeRole": {
      // Prefer a role the user actually holds, so removals are not mostly no-ops.
      const roleId = (target && pick([...target.roles], op.role)) ?? pick(roleIds, op.role);
      if (!roleId || !userId || !target) return null;
      decision = canRemoveRole(actor, state, { userId, roleId });
      apply = () => target.roles.delete(roleId);
      break;
    }
    case "createBoundary": {
      const id = `b${after.nextId++}`;
      decision = canCreateOrEditBoundary(actor, state, { permissions: perms });
      apply = () => after.boundaries.set(id, new Set(perms));
      break;
    }
    case "updateBoundary": {
      const boundaryId = pick(boundaryIds, op.boundary);
      if (!boundaryId) return null;
      decision = canCreateOrEditBoundary(actor, state, { boundaryId, permissions: perms });
      apply = () => after.boundaries.set(boundaryId, new Set(perms));
      break;
    }
    case "deleteBoundary": {
      const boundaryId = pick(boundaryIds, op.boundary);
      if (!boundaryId) return null;
      decision = canDeleteBoundary(actor, state, { boundaryId });
      // Users under it lose their ceiling, as ON DELETE SET NULL does.
      apply = () => {
        after.boundaries.delete(boundaryId);
        for (const u of after.users.values()) if (u.boundary === boundaryId) u.boundary = null;
      };
      break;
    }
    case "setBoundary": {
      const boundaryId = op.boundary === null ? null : pick(boundaryIds, op.boundary);
      if (!userId || !target || boundaryId === undefined) return null;
      decision = canSetBoundary(actor, state, { userId, boundaryId });
      apply = () => (target.boundary = boundaryId);
      break;
    }
    case "suspend":
      if (!userId || !target) return null;
      decision = canSuspendUser(actor, state, { userId });
      apply = () => Object.assign(target, { status: "SUSPENDED", sessions: 0 });
      break;
    case "reactivate":
      if (!userId || !target) return null;
      decision = canReactivateUser(actor, state, { userId });
      apply = () => (target.status = "ACTIVE");
      break;
    case "resetMfa":
      if (!userId || !target) return null;
      decision = canResetMfa(actor, state, { userId });
      apply = () => Object.assign(target, { mfa: false, sessions: 0 });
      break;
    case "revokeSessions":
      if (!userId || !target) return null;
      decision = canRevokeSessions(actor);
      apply = () => (target.sessions = 0);
      break;
    case "invite": {
      const id = `u${after.nextId++}`;
      decision = canInviteUser(actor);
      apply = () =>
        after.users.set(id, {
          status: "ACTIVE",
          roles: new Set(),
          boundary: null,
          mfa: false,
          sessions: 0,
        });
      break;
    }
  }
  if (decision.allowed) apply();
  return { actorId, held, decision, after: decision.allowed ? after : m };
}

const minus = (a: Set<Permission>, b: Set<Permission>) => [...a].filter((p) => !b.has(p));
const symDiff = (a: Set<Permission>, b: Set<Permission>) => [...minus(a, b), ...minus(b, a)];
const sameSet = (a: Set<string>, b: Set<string>) =>
  a.size === b.size && [...a].every((x) => b.has(x));
const union = (m: Model) => new Set([...m.users.keys()].flatMap((id) => [...effective(m, id)]));

function checkStep(before: Model, s: Step, initialUnion: Set<Permission>, what: string): void {
  const { after, held, actorId } = s;
  const notHeld = (perms: Iterable<Permission>) => [...perms].filter((p) => !held.has(p));
  const allUsers = new Set([...before.users.keys(), ...after.users.keys()]);

  for (const id of allUsers) {
    const eb = effective(before, id);
    const ea = effective(after, id);
    expect(
      notHeld(minus(ea, eb)),
      `1. ${id} gained a permission ${actorId} does not hold: ${what}`,
    ).toEqual([]);
    expect(
      notHeld(minus(eb, ea)),
      `2. ${id} lost a permission ${actorId} does not hold: ${what}`,
    ).toEqual([]);
  }
  expect(
    minus(union(after), initialUnion),
    `3. a permission nobody held appeared: ${what}`,
  ).toEqual([]);
  expect(
    roleManagers(after).length,
    `4. nobody can manage roles any more: ${what}`,
  ).toBeGreaterThan(0);

  // 5. attribution of each kind of change
  const roleDefsChanged =
    !sameSet(new Set(before.roles.keys()), new Set(after.roles.keys())) ||
    [...after.roles].some(([id, r]) => !sameSet(r.perms, before.roles.get(id)?.perms ?? new Set()));
  // A deleted role takes its assignments with it; that is a role change, not an assignment.
  const assignmentsChanged = [...before.users].some(([id, u]) => {
    const a = after.users.get(id);
    return (
      a !== undefined && !sameSet(new Set([...u.roles].filter((r) => after.roles.has(r))), a.roles)
    );
  });
  const boundariesChanged =
    !sameSet(new Set(before.boundaries.keys()), new Set(after.boundaries.keys())) ||
    [...after.boundaries].some(([id, b]) => !sameSet(b, before.boundaries.get(id) ?? new Set())) ||
    [...before.users].some(([id, u]) => after.users.get(id)?.boundary !== u.boundary);
  const accountsChanged =
    after.users.size !== before.users.size ||
    [...before.users].some(
      ([id, u]) => after.users.get(id)?.status !== u.status || after.users.get(id)?.mfa !== u.mfa,
    );
  const sessionsCut = [...before.users].some(
    ([id, u]) => (after.users.get(id)?.sessions ?? 0) < u.sessions,
  );
  if (roleDefsChanged)
    expect(held.has("roles:write"), `5. roles changed without roles:write: ${what}`).toBe(true);
  if (assignmentsChanged)
    expect(held.has("roles:assign"), `5. assignments changed without roles:assign: ${what}`).toBe(
      true,
    );
  if (boundariesChanged)
    expect(
      held.has("boundaries:write"),
      `5. boundaries changed without boundaries:write: ${what}`,
    ).toBe(true);
  if (accountsChanged)
    expect(held.has("users:write"), `5. accounts changed without users:write: ${what}`).toBe(true);
  if (sessionsCut)
    expect(
      held.has("sessions:revoke") || held.has("users:write"),
      `5. sessions cut without sessions:revoke: ${what}`,
    ).toBe(true);

  // 6. nobody changes their own access
  const self = before.users.get(actorId);
  const selfAfter = after.users.get(actorId);
  expect(
    selfAfter && self && sameSet(selfAfter.roles, self.roles),
    `6. ${actorId} changed their own roles: ${what}`,
  ).toBe(true);
  expect(selfAfter?.boundary, `6. ${actorId} changed their own boundary: ${what}`).toBe(
    self?.boundary,
  );
  expect(
    [selfAfter?.status, selfAfter?.mfa],
    `6. ${actorId} changed their own account: ${what}`,
  ).toEqual([self?.status, self?.mfa]);
  expect(
    symDiff(effective(after, actorId), held),
    `6. ${actorId} changed their own permissions: ${what}`,
  ).toEqual([]);

  // 7. definitions only move permissions the actor holds
  for (const id of new Set([...before.roles.keys(), ...after.roles.keys()])) {
    const d = symDiff(
      before.roles.get(id)?.perms ?? new Set(),
      after.roles.get(id)?.perms ?? new Set(),
    );
    expect(
      notHeld(d),
      `7. role ${id} changed in permissions ${actorId} does not hold: ${what}`,
    ).toEqual([]);
  }
  for (const id of new Set([...before.boundaries.keys(), ...after.boundaries.keys()])) {
    const d = symDiff(
      before.boundaries.get(id) ?? new Set(),
      after.boundaries.get(id) ?? new Set(),
    );
    expect(
      notHeld(d),
      `7. boundary ${id} changed in permissions ${actorId} does not hold: ${what}`,
    ).toEqual([]);
  }

  // 8. account actions stay within the actor's reach
  for (const [id, u] of before.users) {
    const a = after.users.get(id);
    if (a && (a.status !== u.status || a.mfa !== u.mfa)) {
      expect(
        notHeld(potential(before, id)),
        `8. ${actorId} changed the account of ${id}, who holds more: ${what}`,
      ).toEqual([]);
    }
  }

  // 9. built-in roles are fixed
  for (const [id, r] of before.roles) {
    if (r.builtIn)
      expect(after.roles.get(id)?.perms, `9. built-in role ${id} changed: ${what}`).toEqual(
        r.perms,
      );
  }
}

const RUNS = Number(process.env.PROPERTY_RUNS || 1000);

describe("anti-escalation properties", () => {
  it("no sequence of allowed operations moves a permission the acting user does not hold", () => {
    fc.assert(
      fc.property(modelArb, fc.array(opArb, { minLength: 10, maxLength: 50 }), (initial, ops) => {
        const initialUnion = union(initial);
        let m = initial;
        ops.forEach((op, i) => {
          const s = step(m, op);
          if (!s?.decision.allowed) return;
          checkStep(m, s, initialUnion, `step ${i} ${JSON.stringify(op)} by ${s.actorId}`);
          m = s.after;
        });
      }),
      { numRuns: RUNS },
    );
  });

  it("the generator reaches every kind of allowed operation", () => {
    // Guards the properties above against a generator that only ever produces refusals.
    const allowed = new Map<string, number>();
    fc.assert(
      fc.property(modelArb, fc.array(opArb, { minLength: 10, maxLength: 50 }), (initial, ops) => {
        let m = initial;
        for (const op of ops) {
          const s = step(m, op);
          if (s?.decision.allowed) allowed.set(op.t, (allowed.get(op.t) ?? 0) + 1);
          if (s) m = s.after;
        }
      }),
      { numRuns: 200, seed: 42 },
    );
    for (const t of [
      "createRole",
      "updateRole",
      "deleteRole",
      "assignRole",
      "removeRole",
      "createBoundary",
      "updateBoundary",
      "deleteBoundary",
      "setBoundary",
      "suspend",
      "reactivate",
      "resetMfa",
      "revokeSessions",
      "invite",
    ]) {
      expect(allowed.get(t) ?? 0, `${t} allowed ${allowed.get(t) ?? 0} times`).toBeGreaterThan(10);
    }
  });
});
