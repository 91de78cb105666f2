// next-auth's configuration, built per request around that request's SignInAttempt (next-auth
// v4 passes its callbacks no request, and we audit every attempt with its address and agent).
import type { AuthOptions } from "next-auth";
import { env } from "@/lib/env";
import { secureCookies, sessionCookieName, sessionCookieOptions } from "../session-cookie";
import { newSessionToken } from "../session-token";
import { approveSignIn } from "./approve-sign-in";
import { identityAdapter } from "./identity-adapter";
import { oidcProviders } from "./oidc-providers";
import { recordNextAuthSignOut, recordSignIn } from "./record-sign-in";
import type { SignInAttempt } from "./sign-in-attempt";

function describeError(metadata: unknown): string {
  if (metadata instanceof Error) return metadata.message;
  if (metadata && typeof metadata === "object") {
    const m = metadata as { error?: unknown; error_description?: unknown; message?: unknown };
    const error =
      m.error instanceof Error
        ? m.error.message
        : typeof m.error === "string"
          ? m.error
          : typeof m.message === "string"
            ? m.message
            : "";
    const description = typeof m.error_description === "string" ? `: ${m.error_description}` : "";
    return `${error}${description}` || "unknown error";
  }
  return String(metadata);
}

export function buildAuthOptions(attempt: SignInAttempt): AuthOptions {
  const e = env();
  return {
    secret: e.AUTH_SECRET,
    providers: oidcProviders(),
    adapter: identityAdapter(attempt),
    session: {
      strategy: "database",
      maxAge: e.SESSION_MAX_AGE,
      // Never slide the expiry: the lifetime is absolute (the idle timeout is enforced per request).
      updateAge: e.SESSION_MAX_AGE,
      generateSessionToken: newSessionToken,
    },
    useSecureCookies: secureCookies(),
    cookies: { sessionToken: { name: sessionCookieName(), options: sessionCookieOptions() } },
    // next-auth sends its sign-in errors (a cancelled or failed callback) to pages.signIn. Our
    // /signin is staff surface behind the network allowlist, and customers fail there too, so
    // both go to the refusal page, which tells the portals apart and is not gated.
    pages: { signIn: "/signin/refused", signOut: "/signout", error: "/signin/refused" },
    callbacks: {
      signIn: ({ account, profile }) => approveSignIn(attempt, { account, profile }),
    },
    events: {
      signIn: (message) => recordSignIn(attempt, message),
      // With database sessions next-auth passes the deleted session row (typed as a JWT session).
      signOut: (message) => recordNextAuthSignOut(attempt, { session: message.session as unknown }),
    },
    logger: {
      error(code, metadata) {
        attempt.errors.push({ code, message: describeError(metadata).slice(0, 300) });
        attempt.ctx.log.warn(
          { code, detail: describeError(metadata).slice(0, 300) },
          "next-auth error",
        );
      },
      warn(code) {
        attempt.ctx.log.warn({ code }, "next-auth warning");
      },
      debug() {},
    },
  };
}
