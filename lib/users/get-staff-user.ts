// One staff user for the detail page: who they are, each permission of the catalogue with the
// roles that give it and what the boundary takes away, their sessions, and what this actor may
// do to them (each with the policy's reason when not).
import { freshPolicyActor } from "@/lib/authz/admin-change";
import { findUser } from "@/lib/authz/authz-state";
import type { PermissionExplanation } from "@/lib/authz/effective-permissions";
import { loadAuthzState } from "@/lib/authz/load-authz-state";
import { loadUserAuthorization } from "@/lib/authz/load-user-authorization";
import { parseInput, type Operation } from "@/lib/authz/operation";
import {
  canAssignRole,
  canReactivateUser,
  canRemoveRole,
  canResetMfa,
  canRevokeSessions,
  canSetBoundary,
  canSuspendUser,
  type Decision,
} from "@/lib/authz/policy";
import type { Permission } from "@/lib/authz/permissions";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { userIdSchema, type UserIdInput } from "./user-id.schema";

export interface StaffUserDetail {
  id: string;
  email: string;
  name: string | null;
  status: "ACTIVE" | "SUSPENDED";
  invitedAt: Date | null;
  lastSignInAt: Date | null;
  mfaEnrolledAt: Date | null;
  securityKeys: number;
  suspendedAt: Date | null;
  createdAt: Date;
  roles: { id: string; key: string; name: string; builtIn: boolean }[];
  boundary: { id: string; name: string; permissions: Permission[] } | null;
  effectivePermissions: Permission[];
  explanation: PermissionExplanation[];
  // Only with sessions:read.
  sessions:
    | {
        id: string;
        createdAt: Date;
        lastSeenAt: Date;
        ip: string | null;
        userAgent: string | null;
      }[]
    | null;
  actions: {
    suspend: Decision;
    reactivate: Decision;
    resetMfa: Decision;
    revokeSessions: Decision;
    detachBoundary: Decision;
    roles: { roleId: string; key: string; held: boolean; decision: Decision }[];
  };
}

export async function getStaffUser({
  actor,
  input,
}: Operation<UserIdInput>): Promise<StaffUserDetail> {
  const { userId } = parseInput(userIdSchema, input);
  authorize(actor, "users:read", "view staff users");
  const user = await db().user.findFirst({
    where: { id: userId, kind: "STAFF" },
    select: {
      id: true,
      email: true,
      name: true,
      status: true,
      invitedAt: true,
      lastSignInAt: true,
      mfaEnrolledAt: true,
      suspendedAt: true,
      createdAt: true,
      _count: { select: { webauthnCredentials: true } },
      roleAssignments: {
        select: { role: { select: { id: true, key: true, name: true, builtIn: true } } },
        orderBy: { role: { key: "asc" } },
      },
    },
  });
  const authorization = user && (await loadUserAuthorization(db(), userId));
  if (!user || !authorization) throw new AppError("not_found", "The user does not exist.");
  const sessions = actor.permissions.has("sessions:read")
    ? await db().session.findMany({
        where: { userId, expires: { gt: new Date() } },
        select: { id: true, createdAt: true, lastSeenAt: true, ip: true, userAgent: true },
        orderBy: { lastSeenAt: "desc" },
      })
    : null;
  const state = await loadAuthzState(db());
  const me = freshPolicyActor(actor, state);
  const held = new Set(findUser(state, userId)?.roleIds ?? []);
  const { _count, roleAssignments, ...profile } = user;
  return {
    ...profile,
    securityKeys: _count.webauthnCredentials,
    roles: roleAssignments.map((a) => a.role),
    boundary: authorization.boundary,
    effectivePermissions: [...authorization.permissions],
    explanation: authorization.explanation,
    sessions,
    actions: {
      suspend: canSuspendUser(me, state, { userId }),
      reactivate: canReactivateUser(me, state, { userId }),
      resetMfa: canResetMfa(me, state, { userId }),
      revokeSessions: canRevokeSessions(me),
      detachBoundary: canSetBoundary(me, state, { userId, boundaryId: null }),
      roles: state.roles.map((role) => ({
        roleId: role.id,
        key: role.key,
        held: held.has(role.id),
        decision: held.has(role.id)
          ? canRemoveRole(me, state, { userId, roleId: role.id })
          : canAssignRole(me, state, { userId, roleId: role.id }),
      })),
    },
  };
}
