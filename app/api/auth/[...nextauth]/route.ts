// next-auth's endpoints (/api/auth/signin, /callback, /session, /signout, /providers, /csrf):
// OIDC sign-in only. Not a defineRoute: next-auth runs its own CSRF and OAuth checks, and the
// handler audits every sign-in attempt (lib/identity/next-auth/handle-auth-request.ts).
import { handleAuthRequest } from "@/lib/identity/next-auth/handle-auth-request";

export const dynamic = "force-dynamic";

// Read by the route registry in place of defineRoute's `.spec`.
export const authRouteAccess = {
  kind: "public",
  reason: "next-auth sign-in endpoints (OIDC)",
} as const;

export const GET = handleAuthRequest;
export const POST = handleAuthRequest;
