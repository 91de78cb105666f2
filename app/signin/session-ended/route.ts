// Where the page guards send a browser whose session has ended (expired, revoked, suspended):
// server components cannot change cookies, so this clears the dead cookie, then shows the
// sign-in page with the reason. A live session's cookie is never cleared here, so a cross-site
// link to this URL cannot sign anyone out.
import { db } from "@/lib/db/client";
import { defineRoute } from "@/lib/http/route";
import { clearSessionCookieHeader, readSessionToken } from "@/lib/identity/session-cookie";
import { hashSessionToken } from "@/lib/identity/session-token";

const REASONS = new Set(["expired", "revoked", "suspended"]);

export const GET = defineRoute({
  name: "auth.session_ended",
  access: { kind: "public", reason: "clears the cookie of a session that has already ended" },
  handler: async ({ req }) => {
    const url = new URL(req.url);
    const given = url.searchParams.get("reason") ?? "";
    const reason = REASONS.has(given) ? given : "revoked";
    const page = url.searchParams.get("portal") === "customer" ? "/portal/signin" : "/signin";
    const token = readSessionToken(req.headers);
    const live = token
      ? await db().session.findUnique({
          where: { sessionToken: hashSessionToken(token) },
          select: { id: true },
        })
      : null;
    const headers = new Headers({
      location: `${page}?reason=${reason}`,
      "cache-control": "no-store",
    });
    if (token && !live) headers.append("set-cookie", clearSessionCookieHeader());
    return new Response(null, { status: 303, headers });
  },
});
