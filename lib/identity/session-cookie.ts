// The session cookie: HttpOnly, SameSite=Lax, and Secure with the `__Host-` prefix whenever the
// portal is served over https (production requires https, see lib/env.ts), so it can be set only
// by this exact origin over TLS and never by a sibling subdomain.
import { env } from "@/lib/env";

export function secureCookies(): boolean {
  return env().APP_URL.startsWith("https://");
}

export function sessionCookieName(): string {
  return secureCookies() ? "__Host-tollgate.session" : "tollgate.session";
}

export function sessionCookieOptions() {
  return { httpOnly: true, sameSite: "lax" as const, path: "/", secure: secureCookies() };
}

export function parseCookieHeader(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (cookies.has(name)) continue; // the first (most specific path) wins, as browsers order them
    try {
      cookies.set(name, decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      cookies.set(name, part.slice(eq + 1).trim());
    }
  }
  return cookies;
}

export function readSessionToken(headers: Headers): string | null {
  const value = parseCookieHeader(headers.get("cookie")).get(sessionCookieName());
  return value && value.length <= 512 ? value : null;
}

// A Set-Cookie header that removes the session cookie (same attributes, expired).
export function clearSessionCookieHeader(): string {
  const secure = secureCookies() ? "; Secure" : "";
  return `${sessionCookieName()}=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax${secure}`;
}
