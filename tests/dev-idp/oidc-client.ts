// A minimal OIDC relying party for the dev IdP tests: a real authorization code + PKCE flow over
// fetch, following redirects by hand and keeping cookies like a browser would.
import { createHash, randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";

export const CLIENT = {
  clientId: "test-portal",
  clientSecret: "test-secret",
  redirectUri: "http://localhost:3999/api/auth/callback/staff-oidc",
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly origin: string) {}

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (cookie && url.startsWith(this.origin)) headers.set("cookie", cookie);
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || pair.slice(eq + 1) === "") this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1));
    }
    return res;
  }

  /** Follows redirects within the IdP; stops at the first page or at a redirect that leaves it. */
  async follow(
    url: string,
    init?: RequestInit,
  ): Promise<{ res: Response; url: string; visited: string[] }> {
    let res = await this.request(url, init);
    let current = url;
    const visited = [url];
    while (res.status >= 300 && res.status < 400) {
      if (visited.length > 10) throw new Error("too many redirects");
      const location = res.headers.get("location");
      if (!location) throw new Error(`redirect without location from ${current}`);
      current = new URL(location, current).toString();
      visited.push(current);
      if (!current.startsWith(this.origin)) break;
      res = await this.request(current);
    }
    return { res, url: current, visited };
  }
}

export type AuthRequest = { url: string; verifier: string; state: string; nonce: string };

export function authorizationRequest(
  issuer: string,
  extra: Record<string, string> = {},
): AuthRequest {
  const verifier = randomBytes(32).toString("base64url");
  const state = randomBytes(8).toString("base64url");
  const nonce = randomBytes(8).toString("base64url");
  const params = new URLSearchParams({
    client_id: CLIENT.clientId,
    redirect_uri: CLIENT.redirectUri,
    response_type: "code",
    scope: "openid email profile",
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    state,
    nonce,
    ...extra,
  });
  return { url: `${issuer}/auth?${params}`, verifier, state, nonce };
}

/** Extracts the login form's action from the page, as a browser would submit it. */
export function loginAction(html: string, pageUrl: string): string {
  const action = /<form method="post" action="([^"]+\/login)"/.exec(html)?.[1];
  if (!action) throw new Error("no login form on the page");
  return new URL(action, pageUrl).toString();
}

export const formPost = (fields: Record<string, string>): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});

export async function exchangeCode(issuer: string, code: string, verifier: string) {
  const basic = Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString("base64");
  return fetch(`${issuer}/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${basic}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: CLIENT.redirectUri,
      code_verifier: verifier,
    }).toString(),
  });
}

export async function verifyIdToken(issuer: string, idToken: string): Promise<JWTPayload> {
  const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
  const { payload } = await jwtVerify(idToken, jwks, { issuer, audience: CLIENT.clientId });
  return payload;
}

/** Authorize → login form → callback; returns the callback URL the IdP redirected to. */
export async function signIn(
  browser: Browser,
  issuer: string,
  fields: { email: string; password: string; mfa?: string },
  extra?: Record<string, string>,
) {
  const auth = authorizationRequest(issuer, extra);
  const page = await browser.follow(auth.url);
  const html = await page.res.text();
  const form = {
    email: fields.email,
    password: fields.password,
    ...(fields.mfa ? { mfa: fields.mfa } : {}),
  };
  const done = await browser.follow(loginAction(html, page.url), formPost(form));
  return { auth, loginPage: { status: page.res.status, html }, done };
}
