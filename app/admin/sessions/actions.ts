"use server";

import { defineAction } from "@/lib/http/action";
import { revokeSession } from "@/lib/identity/revoke-session";
import { revokeSessionSchema } from "@/lib/identity/revoke-session.schema";

// Ending someone else's session from this page asks for a fresh security-key check.
export const revokeSessionAction = defineAction({
  name: "sessions.revoke_one",
  access: { kind: "staff", permission: "sessions:revoke", stepUp: true },
  input: revokeSessionSchema,
  handler: ({ actor, input, ctx }) => revokeSession({ actor: actor, input, request: ctx }),
});
