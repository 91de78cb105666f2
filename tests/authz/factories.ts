// Factories for the authorization integration tests: unique data per call, so test files run in
// parallel on one database.
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { StaffActor } from "@/lib/authz/actor";
import { ensureBuiltInRoles } from "@/lib/authz/built-in-roles";
import { loadUserAuthorization } from "@/lib/authz/load-user-authorization";
import type { Permission } from "@/lib/authz/permissions";
import type { AuditRequestInfo } from "@/lib/audit/record-audit";
import type { AuditAction } from "@/lib/audit/actions";
import { db } from "@/lib/db/client";

export const unique = (prefix: string) => `${prefix}_${randomUUID().slice(0, 8)}`;

let builtIns: Promise<Record<string, string>> | undefined;
export function builtInRoleIds(): Promise<Record<string, string>> {
  builtIns ??= db().$transaction((tx) => ensureBuiltInRoles(tx));
  return builtIns;
}

export async function createCustomRole(
  permissions: Permission[],
  key = unique("role"),
): Promise<{ id: string; key: string }> {
  return db().role.create({
    data: { key, name: key, permissions },
    select: { id: true, key: true },
  });
}

export async function createBoundaryRow(
  permissions: Permission[],
): Promise<{ id: string; name: string }> {
  const name = unique("boundary");
  return db().permissionBoundary.create({
    data: { name, permissions },
    select: { id: true, name: true },
  });
}

export interface StaffOptions {
  // Built-in role keys or ids of custom roles.
  roles?: string[];
  boundary?: Permission[] | null;
  status?: "ACTIVE" | "SUSPENDED";
  sessions?: number;
  mfa?: boolean;
  kind?: "STAFF" | "CUSTOMER";
}

export async function createStaff(
  options: StaffOptions = {},
): Promise<{ id: string; email: string }> {
  const ids = await builtInRoleIds();
  const boundary = options.boundary ? await createBoundaryRow(options.boundary) : null;
  const email = `${unique("staff")}@vendor.test`.toLowerCase();
  const user = await db().user.create({
    data: {
      email,
      kind: options.kind ?? "STAFF",
      status: options.status ?? "ACTIVE",
      boundaryId: boundary?.id ?? null,
      mfaEnrolledAt: options.mfa ? new Date() : null,
      roleAssignments: { create: (options.roles ?? []).map((r) => ({ roleId: ids[r] ?? r })) },
      sessions: {
        create: Array.from({ length: options.sessions ?? 0 }, () => ({
          sessionToken: randomUUID(),
          expires: new Date(Date.now() + 3600_000),
        })),
      },
      webauthnCredentials: options.mfa
        ? { create: { credentialId: randomUUID(), publicKey: Buffer.from("key") } }
        : undefined,
    },
    select: { id: true, email: true },
  });
  return user;
}

// The StaffActor authentication would build for this user.
export async function actorFor(userId: string): Promise<StaffActor> {
  const auth = await loadUserAuthorization(db(), userId);
  if (!auth) throw new Error(`no user ${userId}`);
  const user = await db().user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true },
  });
  return {
    type: "USER",
    kind: "STAFF",
    userId,
    email: user.email,
    sessionId: null,
    roles: auth.roles,
    permissions: auth.permissions,
    stepUpAt: new Date(),
  };
}

export async function staffActor(options: StaffOptions = {}): Promise<StaffActor> {
  return actorFor((await createStaff(options)).id);
}

export const newRequest = (): Required<AuditRequestInfo> => ({
  requestId: randomUUID(),
  ip: "10.1.2.3",
  userAgent: "vitest",
  method: "POST",
  path: "/admin/test",
});

export async function auditEventsOf(request: AuditRequestInfo) {
  return db().auditEvent.findMany({
    where: { requestId: request.requestId ?? "" },
    orderBy: { seq: "asc" },
  });
}

// The refusal left exactly one access.denied event carrying the reason and the actor snapshot.
export async function expectDeniedAudit(
  request: AuditRequestInfo,
  actor: StaffActor,
  reason: RegExp,
): Promise<void> {
  const events = await auditEventsOf(request);
  expect(events.map((e) => [e.action, e.result])).toEqual([["access.denied", "DENIED"]]);
  const [event] = events;
  expect(event?.reason).toMatch(reason);
  expect(event?.actorId).toBe(actor.userId);
  expect(event?.actorRoles).toEqual(actor.roles);
  expect(event?.actorPermissions).toEqual([...actor.permissions].sort());
  expect(event?.ip).toBe("10.1.2.3");
}

// The success left its event, in the same request, with before/after and the actor snapshot.
export async function expectSuccessAudit(
  request: AuditRequestInfo,
  actor: StaffActor,
  action: AuditAction,
  change: { before: unknown; after: unknown },
) {
  const events = await auditEventsOf(request);
  const event = events.find((e) => e.action === action);
  expect(event, `no ${action} event`).toBeDefined();
  expect(event?.result).toBe("SUCCESS");
  expect(event?.before).toEqual(change.before);
  expect(event?.after).toEqual(change.after);
  expect(event?.actorId).toBe(actor.userId);
  expect(event?.actorRoles).toEqual(actor.roles);
  expect(event?.actorPermissions).toEqual([...actor.permissions].sort());
  return event;
}

// Awaits a refused operation and returns its error for further assertions.
export async function refusal(
  promise: Promise<unknown>,
): Promise<{ status: number; code: string; message: string }> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the operation was expected to be refused").toBeInstanceOf(Error);
  const e = error as { status: number; code: string; message: string };
  return { status: e.status, code: e.code, message: e.message };
}
