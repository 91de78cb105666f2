"use server";

import { defineAction } from "@/lib/http/action";
import { revokeSession } from "@/lib/identity/revoke-session";
import { revokeSessionSchema } from "@/lib/identity/revoke-session.schema";
import { asStaff } from "../roles/as-staff";

// Ending someone else's session from this page asks for a fresh security-key check.
export const revokeSessionAction = defineAction({
  name: "sessions.revoke_one",
  access: { kind: "staff", permission: "sessions:revoke", stepUp: true },
  input: revokeSessionSchema,
  handler: ({ actor, input, ctx }) => revokeSession({ actor: asStaff(actor), input, request: ctx }),
});
