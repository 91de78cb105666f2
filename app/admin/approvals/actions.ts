"use server";

import { approveRequest } from "@/lib/authz/approve-request";
import { approveRequestSchema, rejectRequestSchema } from "@/lib/authz/decide-approval.schema";
import { rejectRequest } from "@/lib/authz/reject-request";
import { defineAction } from "@/lib/http/action";

// Approving carries out a change of access: a fresh security key check, like making it directly.
export const approveRequestAction = defineAction({
  name: "approvals.approve",
  access: { kind: "staff", permission: "approvals:decide", stepUp: true },
  input: approveRequestSchema,
  handler: ({ actor, input, ctx }) => approveRequest({ actor: actor, input, request: ctx }),
});

export const rejectRequestAction = defineAction({
  name: "approvals.reject",
  access: { kind: "staff", permission: "approvals:decide" },
  input: rejectRequestSchema,
  handler: ({ actor, input, ctx }) => rejectRequest({ actor: actor, input, request: ctx }),
});
