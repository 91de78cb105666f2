// CSRF defence for our own JSON route handlers. The session cookie is SameSite=Lax, which
// already keeps it off cross-site POSTs in current browsers; on top of that a state-changing
// request must prove it comes from the portal's own pages: an Origin header equal to APP_URL's
// origin, or (for browsers that omit Origin) Sec-Fetch-Site: same-origin. next-auth checks its
// own POSTs with a double-submit token, and Next.js server actions compare Origin with Host.
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type SameOriginVerdict = { ok: true } | { ok: false; reason: string };

export function checkSameOrigin(
  headers: Headers,
  method: string | undefined,
  appOrigin: string,
): SameOriginVerdict {
  const origin = headers.get("origin");
  const site = headers.get("sec-fetch-site");
  // Whatever the method: a browser that tells us the request is cross-site is refused.
  if (origin && origin !== "null" && origin !== appOrigin)
    return { ok: false, reason: `cross-origin request from ${origin.slice(0, 200)}` };
  if (site === "cross-site" || site === "same-site")
    return { ok: false, reason: `Sec-Fetch-Site ${site}` };
  // The method is unknown only when a caller does not pass it; then the checks above are all we can do.
  if (method === undefined || SAFE_METHODS.has(method.toUpperCase())) return { ok: true };
  if (origin === appOrigin || site === "same-origin") return { ok: true };
  return {
    ok: false,
    reason: origin === "null" ? "opaque origin" : "no Origin or Sec-Fetch-Site header",
  };
}

export function assertSameOrigin(headers: Headers, method: string | undefined): void {
  const verdict = checkSameOrigin(headers, method, new URL(env().APP_URL).origin);
  if (!verdict.ok) {
    throw new AppError(
      "forbidden",
      "Cross-site request refused: state-changing requests must come from the portal itself.",
      {
        csrf: true,
      },
    );
  }
}
