"use server";

import { assignRole } from "@/lib/authz/assign-role";
import { assignRoleSchema } from "@/lib/authz/assign-role.schema";
import { removeRole } from "@/lib/authz/remove-role";
import { removeRoleSchema } from "@/lib/authz/remove-role.schema";
import { setUserBoundary } from "@/lib/authz/set-user-boundary";
import { setUserBoundarySchema } from "@/lib/authz/set-user-boundary.schema";
import { defineAction } from "@/lib/http/action";
import { inviteStaffUser } from "@/lib/users/invite-staff-user";
import { inviteStaffUserSchema } from "@/lib/users/invite-staff-user.schema";
import { reactivateUser } from "@/lib/users/reactivate-user";
import { resetUserMfa } from "@/lib/users/reset-user-mfa";
import { revokeUserSessions } from "@/lib/users/revoke-user-sessions";
import { suspendUser } from "@/lib/users/suspend-user";
import { suspendUserSchema } from "@/lib/users/suspend-user.schema";
import { userIdSchema } from "@/lib/users/user-id.schema";

// Grants, removals, boundary changes, suspensions and MFA resets change someone's access: each
// needs a fresh security key check; the domain judges it by the policy and audits before/after.
export const assignRoleAction = defineAction({
  name: "users.assign_role",
  access: { kind: "staff", permission: "roles:assign", stepUp: true },
  input: assignRoleSchema,
  handler: ({ actor, input, ctx }) => assignRole({ actor: actor, input, request: ctx }),
});

export const removeRoleAction = defineAction({
  name: "users.remove_role",
  access: { kind: "staff", permission: "roles:assign", stepUp: true },
  input: removeRoleSchema,
  handler: ({ actor, input, ctx }) => removeRole({ actor: actor, input, request: ctx }),
});

export const setUserBoundaryAction = defineAction({
  name: "users.set_boundary",
  access: { kind: "staff", permission: "boundaries:write", stepUp: true },
  input: setUserBoundarySchema,
  handler: ({ actor, input, ctx }) => setUserBoundary({ actor: actor, input, request: ctx }),
});

export const suspendUserAction = defineAction({
  name: "users.suspend",
  access: { kind: "staff", permission: "users:write", stepUp: true },
  input: suspendUserSchema,
  handler: ({ actor, input, ctx }) => suspendUser({ actor: actor, input, request: ctx }),
});

export const reactivateUserAction = defineAction({
  name: "users.reactivate",
  access: { kind: "staff", permission: "users:write", stepUp: true },
  input: userIdSchema,
  handler: ({ actor, input, ctx }) => reactivateUser({ actor: actor, input, request: ctx }),
});

export const resetUserMfaAction = defineAction({
  name: "users.reset_mfa",
  access: { kind: "staff", permission: "users:write", stepUp: true },
  input: userIdSchema,
  handler: ({ actor, input, ctx }) => resetUserMfa({ actor: actor, input, request: ctx }),
});

// Revoking sessions only ends access; no step-up, so it stays quick when an account looks stolen.
export const revokeUserSessionsAction = defineAction({
  name: "users.revoke_sessions",
  access: { kind: "staff", permission: "sessions:revoke" },
  input: userIdSchema,
  handler: ({ actor, input, ctx }) => revokeUserSessions({ actor: actor, input, request: ctx }),
});

export const inviteStaffUserAction = defineAction({
  name: "users.invite",
  access: { kind: "staff", permission: "users:write", stepUp: true },
  input: inviteStaffUserSchema,
  handler: ({ actor, input, ctx }) => inviteStaffUser({ actor: actor, input, request: ctx }),
});
