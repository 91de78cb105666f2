"use server";

import { createBoundary } from "@/lib/authz/create-boundary";
import { createBoundarySchema } from "@/lib/authz/create-boundary.schema";
import { createRole } from "@/lib/authz/create-role";
import { createRoleSchema } from "@/lib/authz/create-role.schema";
import { deleteBoundary } from "@/lib/authz/delete-boundary";
import { deleteBoundarySchema } from "@/lib/authz/delete-boundary.schema";
import { deleteRole } from "@/lib/authz/delete-role";
import { deleteRoleSchema } from "@/lib/authz/delete-role.schema";
import { updateRole } from "@/lib/authz/update-role";
import { updateRoleSchema } from "@/lib/authz/update-role.schema";
import { defineAction } from "@/lib/http/action";

// Role and boundary changes move access: each needs a fresh security key check (stepUp), and the
// domain judges it against the anti-escalation policy and audits it with before/after.
export const createRoleAction = defineAction({
  name: "roles.create",
  access: { kind: "staff", permission: "roles:write", stepUp: true },
  input: createRoleSchema,
  handler: ({ actor, input, ctx }) => createRole({ actor: actor, input, request: ctx }),
});

export const updateRoleAction = defineAction({
  name: "roles.update",
  access: { kind: "staff", permission: "roles:write", stepUp: true },
  input: updateRoleSchema,
  handler: ({ actor, input, ctx }) => updateRole({ actor: actor, input, request: ctx }),
});

export const deleteRoleAction = defineAction({
  name: "roles.delete",
  access: { kind: "staff", permission: "roles:write", stepUp: true },
  input: deleteRoleSchema,
  handler: ({ actor, input, ctx }) => deleteRole({ actor: actor, input, request: ctx }),
});

export const createBoundaryAction = defineAction({
  name: "boundaries.create",
  access: { kind: "staff", permission: "boundaries:write", stepUp: true },
  input: createBoundarySchema,
  handler: ({ actor, input, ctx }) => createBoundary({ actor: actor, input, request: ctx }),
});

export const deleteBoundaryAction = defineAction({
  name: "boundaries.delete",
  access: { kind: "staff", permission: "boundaries:write", stepUp: true },
  input: deleteBoundarySchema,
  handler: ({ actor, input, ctx }) => deleteBoundary({ actor: actor, input, request: ctx }),
});
