// The dev identity provider, driven through a real authorization code + PKCE flow.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS, demoSubject } from "@/scripts/lib/demo-users";
import { createDevIdp, type DevIdp } from "@/scripts/lib/dev-idp/create-dev-idp";
import {
  authorizationRequest,
  Browser,
  CLIENT,
  exchangeCode,
  formPost,
  freePort,
  loginAction,
  signIn,
  verifyIdToken,
} from "./oidc-client";

let idp: DevIdp;
let issuer: string;
const logins: string[] = [];

beforeAll(async () => {
  const port = await freePort();
  issuer = `http://localhost:${port}`;
  idp = createDevIdp({
    issuer,
    port,
    clients: [
      {
        clientId: CLIENT.clientId,
        clientSecret: CLIENT.clientSecret,
        redirectUris: [CLIENT.redirectUri],
      },
    ],
    log: (line) => logins.push(line),
  });
  await idp.listen();
});

afterAll(async () => {
  await idp.close();
});

async function idTokenFor(email: string, mfa?: string, browser = new Browser(issuer)) {
  const { auth, done } = await signIn(browser, issuer, { email, password: DEMO_PASSWORD, mfa });
  // Straight back to the client after the form: no consent or other interaction in between.
  expect(done.visited.filter((u) => u.includes("/interaction/"))).toEqual([done.visited[0]]);
  expect(done.url.startsWith(CLIENT.redirectUri)).toBe(true);
  const callback = new URL(done.url);
  expect(callback.searchParams.get("state")).toBe(auth.state);
  const code = callback.searchParams.get("code");
  if (!code) throw new Error(`no code in ${done.url}`);
  const res = await exchangeCode(issuer, code, auth.verifier);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { id_token: string };
  const claims = await verifyIdToken(issuer, body.id_token);
  expect(claims.nonce).toBe(auth.nonce);
  return claims;
}

describe("dev identity provider", () => {
  it("publishes a discovery document for the code flow with S256 PKCE and the claims the app reads", async () => {
    const res = await fetch(`${issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Record<string, unknown>;
    expect(doc.issuer).toBe(issuer);
    expect(doc.authorization_endpoint).toBe(`${issuer}/auth`);
    expect(doc.token_endpoint).toBe(`${issuer}/token`);
    expect(doc.jwks_uri).toBe(`${issuer}/jwks`);
    expect(doc.response_types_supported).toEqual(["code"]);
    expect(doc.code_challenge_methods_supported).toEqual(["S256"]);
    expect(doc.scopes_supported).toEqual(
      expect.arrayContaining(["openid", "email", "profile", "groups"]),
    );
    expect(doc.claims_supported).toEqual(
      expect.arrayContaining(["amr", "acr", "email", "name", "groups"]),
    );
  });

  it("shows a login form with the demo accounts and the mfa choice, defaulting to password only", async () => {
    const page = await new Browser(issuer).follow(authorizationRequest(issuer).url);
    expect(page.res.status).toBe(200);
    expect(page.url).toMatch(new RegExp(`^${issuer}/interaction/[\\w-]+$`));
    const html = await page.res.text();
    expect(html).toContain("<h1>Tollgate dev identity provider</h1>");
    expect(html).toContain('name="email"');
    expect(html).toContain('name="password"');
    expect(html).toMatch(
      /<select id="mfa" name="mfa"><option value="pwd" selected>Password only<\/option>/,
    );
    expect(html).toContain('<option value="hwk">Password + security key</option>');
    expect(html).toContain(
      '<option value="sms">Password + SMS code (must NOT count as MFA)</option>',
    );
    expect(html).toContain(">Sign in</button>");
    for (const user of DEMO_USERS) expect(html).toContain(user.email);
  });

  it.each([
    ["hwk", ["pwd", "hwk"], "phrh"],
    ["pwd", ["pwd"], "1"],
    ["sms", ["pwd", "sms"], "1"],
  ])("signs in with mfa=%s and reports amr %j in a verified ID token", async (mfa, amr, acr) => {
    const claims = await idTokenFor("admin@vendor.test", mfa);
    expect(claims.amr).toEqual(amr);
    expect(claims.acr).toBe(acr);
    expect(claims.sub).toBe(demoSubject("admin@vendor.test"));
    expect(claims.email).toBe("admin@vendor.test");
    expect(claims.email_verified).toBe(true);
    expect(claims.name).toBe("Ada Admin");
    expect(claims.groups).toEqual(["staff"]);
    expect(typeof claims.auth_time).toBe("number");
    expect(logins).toContain(
      `dev-idp: signed in admin@vendor.test amr=${amr.join(",")} (client ${CLIENT.clientId})`,
    );
  });

  it("reports amr pwd when the form sends no mfa choice", async () => {
    const claims = await idTokenFor("release@vendor.test");
    expect(claims.amr).toEqual(["pwd"]);
  });

  it("gives customer users their own groups and the outsider none", async () => {
    const customer = await idTokenFor("ops@globex.test");
    expect(customer.email).toBe("ops@globex.test");
    expect(customer.groups).toEqual(["customers"]);
    const outsider = await idTokenFor("outsider@example.com");
    expect(outsider.email).toBe("outsider@example.com");
    expect(outsider.groups).toEqual([]);
  });

  it("answers userinfo for the access token with the same identity", async () => {
    const { auth, done } = await signIn(new Browser(issuer), issuer, {
      email: "ops@globex.test",
      password: DEMO_PASSWORD,
    });
    const tokens = await exchangeCode(
      issuer,
      new URL(done.url).searchParams.get("code") ?? "",
      auth.verifier,
    );
    const { access_token } = (await tokens.json()) as { access_token: string };
    const res = await fetch(`${issuer}/me`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      sub: demoSubject("ops@globex.test"),
      email: "ops@globex.test",
      name: "Gina Globex",
      groups: ["customers"],
    });
  });

  it("shows the form again with an error for a wrong password, and the same sign-in can then succeed", async () => {
    const browser = new Browser(issuer);
    const auth = authorizationRequest(issuer);
    const page = await browser.follow(auth.url);
    const action = loginAction(await page.res.text(), page.url);

    const wrong = await browser.request(
      action,
      formPost({ email: "admin@vendor.test", password: "nope", mfa: "hwk" }),
    );
    expect(wrong.status).toBe(200);
    const html = await wrong.text();
    expect(html).toContain('role="alert">Wrong email or password.</p>');
    expect(html).toContain('value="admin@vendor.test"');
    expect(html).toContain('<option value="hwk" selected>');

    const unknown = await browser.request(
      action,
      formPost({ email: "nobody@vendor.test", password: DEMO_PASSWORD }),
    );
    expect(unknown.status).toBe(200);
    expect(await unknown.text()).toContain("Wrong email or password.");

    const ok = await browser.follow(
      action,
      formPost({ email: "admin@vendor.test", password: DEMO_PASSWORD }),
    );
    expect(new URL(ok.url).searchParams.get("code")).toBeTruthy();
  });

  it("rejects a token request whose code_verifier does not match the challenge", async () => {
    const { auth, done } = await signIn(new Browser(issuer), issuer, {
      email: "admin@vendor.test",
      password: DEMO_PASSWORD,
    });
    const code = new URL(done.url).searchParams.get("code") ?? "";
    const res = await exchangeCode(issuer, code, `${auth.verifier}x`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("refuses an authorization request without PKCE", async () => {
    const auth = authorizationRequest(issuer);
    const url = new URL(auth.url);
    url.searchParams.delete("code_challenge");
    url.searchParams.delete("code_challenge_method");
    const { url: landed } = await new Browser(issuer).follow(url.toString());
    const callback = new URL(landed);
    expect(landed.startsWith(CLIENT.redirectUri)).toBe(true);
    expect(callback.searchParams.get("error")).toBe("invalid_request");
    expect(callback.searchParams.get("code")).toBeNull();
  });

  it("asks again on every sign-in and lets the same browser switch to another user", async () => {
    const browser = new Browser(issuer);
    const first = await idTokenFor("admin@vendor.test", "hwk", browser);
    expect(first.email).toBe("admin@vendor.test");
    const page = await browser.follow(authorizationRequest(issuer).url);
    expect(await page.res.text()).toContain('name="password"');
    const second = await idTokenFor("ops@initech.test", "pwd", browser);
    expect(second.email).toBe("ops@initech.test");
    expect(second.sub).toBe(demoSubject("ops@initech.test"));
    expect(second.amr).toEqual(["pwd"]);
  });

  it("approves an explicit prompt=consent without showing a consent screen", async () => {
    const browser = new Browser(issuer);
    const { auth, done } = await signIn(
      browser,
      issuer,
      { email: "auditor@vendor.test", password: DEMO_PASSWORD, mfa: "hwk" },
      { prompt: "consent", scope: "openid email groups" },
    );
    const code = new URL(done.url).searchParams.get("code");
    expect(code).toBeTruthy();
    const res = await exchangeCode(issuer, code ?? "", auth.verifier);
    const claims = await verifyIdToken(
      issuer,
      ((await res.json()) as { id_token: string }).id_token,
    );
    expect(claims).toMatchObject({
      email: "auditor@vendor.test",
      groups: ["staff"],
      amr: ["pwd", "hwk"],
    });
    expect(claims.name).toBeUndefined();
  });

  it("returns access_denied to the client when the user cancels", async () => {
    const browser = new Browser(issuer);
    const auth = authorizationRequest(issuer);
    const page = await browser.follow(auth.url);
    const abort = loginAction(await page.res.text(), page.url).replace(/\/login$/, "/abort");
    const { url } = await browser.follow(abort, { method: "POST" });
    const callback = new URL(url);
    expect(url.startsWith(CLIENT.redirectUri)).toBe(true);
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("state")).toBe(auth.state);
  });

  it("answers an expired or foreign interaction with a readable error page", async () => {
    const res = await fetch(`${issuer}/interaction/doesnotexist`);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("Start the sign-in again");
  });
});
