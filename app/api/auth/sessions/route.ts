// Active sessions, and revoking all sessions of a user (an administrator's action, with step-up).
import { z } from "zod";
import { listSessions } from "@/lib/identity/list-sessions";
import { zodToAppError } from "@/lib/http/error-mapper";
import { defineRoute, json } from "@/lib/http/route";
import { revokeUserSessions } from "@/lib/users/revoke-user-sessions";

const query = z.object({ userId: z.string().regex(/^usr_[a-f0-9]{32}$/, "must be a user id") });

function userIdOf(req: Request): string {
  const parsed = query.safeParse({ userId: new URL(req.url).searchParams.get("userId") ?? "" });
  if (!parsed.success) throw zodToAppError(parsed.error, "The query is not valid.");
  return parsed.data.userId;
}

export const GET = defineRoute({
  name: "sessions.list",
  access: { kind: "staff", permission: "sessions:read" },
  handler: async ({ req, actor }) =>
    json({
      sessions: await listSessions({
        actor,
        input: { userId: new URL(req.url).searchParams.has("userId") ? userIdOf(req) : undefined },
      }),
    }),
});

export const DELETE = defineRoute({
  name: "sessions.revoke",
  access: { kind: "staff", permission: "sessions:revoke", stepUp: true },
  handler: async ({ req, actor, ctx }) => {
    const input = { userId: userIdOf(req) };
    const { sessionsRevoked } = await revokeUserSessions({ actor, input, request: ctx });
    // The API's answer names the count `revoked`, as it always has.
    return json({ revoked: sessionsRevoked });
  },
});
