// Staff identity end to end (issue 3): SSO through the dev IdP's login form, the portal's own
// WebAuthn step with Chrome's virtual authenticator, the amr policy, the network allowlist,
// session expiry and revocation, and the wall between the customer and staff portals. Every
// case checks the audit event it leaves.
//
// The e2e stack runs with TRUSTED_PROXIES=127.0.0.1/32 (so a test can present a forwarded client
// address, as a reverse proxy would), TRUST_IDP_MFA=true and IDP_MFA_AMR=hwk,sms (so that "sms"
// is configured as acceptable and must still be refused).
import { randomBytes, randomUUID } from "node:crypto";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { expectAuditEvent, query, sessionTokenHash, userIdOf } from "./fixtures/db";
import {
  completeIdpLogin,
  resetEnrollment,
  signInAsCustomer,
  signInAsStaff,
  startStaffSignIn,
  stepUp,
} from "./fixtures/sign-in";

// Over https (the run through the edge) the cookie carries the __Host- prefix.
const SESSION_COOKIE = process.env.E2E_BASE_URL?.startsWith("https:")
  ? "__Host-tollgate.session"
  : "tollgate.session";

function requireProxyConfig() {
  const proxies = process.env.TRUSTED_PROXIES ?? "";
  if (!proxies.includes("127.0.0.1")) {
    throw new Error(
      "Run the end-to-end tests with TRUSTED_PROXIES=127.0.0.1/32 (scripts/test.ts sets it) to simulate clients behind a proxy.",
    );
  }
}

// A client address of its own for each test (inside the staff allowlist 127.0.0.0/8), presented
// through the trusted proxy, so sign-in failures of one test never count towards another's lockout.
function clientAddress(): string {
  const b = randomBytes(3);
  return `127.${b[0]}.${b[1]}.${Math.max(2, b[2] ?? 2)}`;
}

async function contextFrom(
  browser: Browser,
  ip: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": ip } });
  return { context, page: await context.newPage() };
}

async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
}

test.beforeAll(() => requireProxyConfig());

test("/api/auth/providers lists only the two OIDC providers", async ({ request }) => {
  const res = await request.get("/api/auth/providers");
  expect(res.status()).toBe(200);
  const providers = (await res.json()) as Record<string, { id: string; type: string }>;
  expect(Object.keys(providers).sort()).toEqual(["customer-oidc", "staff-oidc"]);
  expect(Object.values(providers).map((p) => p.type)).toEqual(["oauth", "oauth"]);
});

test("staff sign in through the IdP form, enroll a security key, reach the portal, and later sign in with that key", async ({
  browser,
}) => {
  const since = new Date();
  const email = "admin@vendor.test";
  const ip = clientAddress();
  await resetEnrollment(email);
  const first = await contextFrom(browser, ip);
  await signInAsStaff(first.page, email);
  await expect(first.page).toHaveURL(/\/admin$/);
  await expect(first.page.getByRole("heading", { name: "Overview" })).toBeVisible();

  const cookie = await sessionCookie(first.context);
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  const signedIn = await expectAuditEvent({
    action: "auth.signed_in",
    since,
    actorLabel: email,
    ip,
  });
  expect(signedIn.result).toBe("SUCCESS");
  expect(signedIn.userAgent).toMatch(/Chrome/);
  expect(signedIn.metadata).toMatchObject({ portal: "staff", amr: ["pwd"], idpMfaTrusted: false });
  await expectAuditEvent({ action: "auth.mfa_enrolled", since, actorLabel: email, ip });
  const [session] = await query<{ mfaVerifiedAt: Date | null; idpAmr: string[]; ip: string }>(
    `SELECT "mfaVerifiedAt", "idpAmr", ip FROM "Session" WHERE "sessionToken" = $1`,
    [sessionTokenHash(cookie?.value ?? "")],
  );
  expect(session).toMatchObject({ idpAmr: ["pwd"], ip });
  expect(session?.mfaVerifiedAt).not.toBeNull();
  await first.context.close();

  // A new browser, the same key: this time the portal asks for an assertion, not an enrollment.
  const second = await contextFrom(browser, ip);
  await startStaffSignIn(second.page);
  await completeIdpLogin(second.page, email);
  await expect(second.page).toHaveURL(/\/mfa\/verify/);
  await expect(second.page.getByText("Overview")).toHaveCount(0);
  await signInAsStaff(second.page, email);
  await expect(second.page).toHaveURL(/\/admin$/);
  await expectAuditEvent({ action: "auth.mfa_verified", since, actorLabel: email, ip });
  await second.context.close();
});

test("without the WebAuthn step the staff portal and staff APIs stay closed", async ({
  browser,
}) => {
  const since = new Date();
  const { context, page } = await contextFrom(browser, clientAddress());
  await signInAsStaff(page, "support@vendor.test", { mfa: "none" });
  await expect(page).toHaveURL(/\/mfa\/(enroll|verify)/);

  for (const path of ["/admin", "/admin/mfa/step-up"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/mfa\/(enroll|verify)/);
    await expect(page.getByTestId("signed-in-user")).toHaveCount(0);
  }
  const requestId = randomUUID();
  const res = await page.request.get("/api/auth/sessions", {
    headers: { "x-request-id": requestId },
  });
  expect(res.status()).toBe(401);
  expect(await res.json()).toMatchObject({ mfaRequired: true });
  const event = await expectAuditEvent({ action: "auth.session_rejected", since, requestId });
  expect(event.reason).toMatch(/security key/);
  await context.close();
});

test('amr ["pwd","sms"] is not accepted as MFA, even with IdP MFA trusted and "sms" configured', async ({
  browser,
}) => {
  const since = new Date();
  const email = "release@vendor.test";
  const { context, page } = await contextFrom(browser, clientAddress());
  await signInAsStaff(page, email, { mfa: "none", idpAmr: "sms" });
  await expect(page).toHaveURL(/\/mfa\/(enroll|verify)/);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/mfa\/(enroll|verify)/);
  const signedIn = await expectAuditEvent({ action: "auth.signed_in", since, actorLabel: email });
  expect(signedIn.metadata).toMatchObject({ amr: ["pwd", "sms"], idpMfaTrusted: false });
  expect(signedIn.reason).toMatch(/security key check pending/);
  await context.close();
});

test("an IdP-proven hardware key counts as MFA exactly when TRUST_IDP_MFA is on", async ({
  browser,
}) => {
  const since = new Date();
  const email = "auditor@vendor.test";
  const trusted =
    process.env.TRUST_IDP_MFA === "true" &&
    (process.env.IDP_MFA_AMR ?? "hwk,swk,fido,mfa").split(",").includes("hwk");
  const { context, page } = await contextFrom(browser, clientAddress());
  await signInAsStaff(page, email, { mfa: "none", idpAmr: "hwk" });
  if (trusted) await expect(page).toHaveURL(/\/admin$/);
  else await expect(page).toHaveURL(/\/mfa\/(enroll|verify)/);
  const signedIn = await expectAuditEvent({ action: "auth.signed_in", since, actorLabel: email });
  expect(signedIn.metadata).toMatchObject({ amr: ["pwd", "hwk"], idpMfaTrusted: trusted });
  await context.close();
});

test("a request from outside the allowlist is refused: 403 page, problem+json, audited; customer routes stay open", async ({
  request,
  browser,
}) => {
  const since = new Date();
  const outside = "203.0.113.9";
  const pageId = randomUUID();
  const page = await request.get("/admin", {
    headers: { "x-forwarded-for": outside, "x-request-id": pageId },
    maxRedirects: 0,
  });
  expect(page.status()).toBe(403);
  expect(await page.text()).toContain("Access from your network is not allowed");
  expect(
    await expectAuditEvent({ action: "auth.ip_blocked", since, requestId: pageId }),
  ).toMatchObject({ ip: outside, result: "DENIED", targetId: "/admin" });

  const apiId = randomUUID();
  const api = await request.get("/api/auth/sessions", {
    headers: { "x-forwarded-for": outside, "x-request-id": apiId },
  });
  expect(api.status()).toBe(403);
  expect(api.headers()["content-type"]).toBe("application/problem+json");
  expect(
    await expectAuditEvent({ action: "auth.ip_blocked", since, requestId: apiId }),
  ).toMatchObject({ ip: outside });

  const signInId = randomUUID();
  expect(
    (
      await request.get("/signin", {
        headers: { "x-forwarded-for": "2001:db8::1", "x-request-id": signInId },
      })
    ).status(),
  ).toBe(403);
  await expectAuditEvent({
    action: "auth.ip_blocked",
    since,
    requestId: signInId,
    ip: "2001:db8::1",
  });

  expect(
    (await request.get("/portal/signin", { headers: { "x-forwarded-for": outside } })).status(),
  ).toBe(200);
  expect(
    (await request.get("/api/health", { headers: { "x-forwarded-for": outside } })).status(),
  ).toBe(200);

  // A signed-in staff member who leaves the VPN is shut out too.
  const { context, page: staffPage } = await contextFrom(browser, clientAddress());
  await signInAsStaff(staffPage, "admin@vendor.test");
  await context.setExtraHTTPHeaders({ "x-forwarded-for": outside });
  const blocked = await staffPage.goto("/admin");
  expect(blocked?.status()).toBe(403);
  await expectAuditEvent({ action: "auth.ip_blocked", since, ip: outside, targetId: "/admin" });
  await context.close();
});

test("an expired (idle) session is refused, its cookie cleared, and auth.session_expired audited", async ({
  browser,
}) => {
  const since = new Date();
  const email = "admin@vendor.test";
  const { context, page } = await contextFrom(browser, clientAddress());
  await signInAsStaff(page, email);
  const cookie = await sessionCookie(context);
  const [session] = await query<{ id: string }>(
    `UPDATE "Session" SET "lastSeenAt" = now() - interval '1 day' WHERE "sessionToken" = $1 RETURNING id`,
    [sessionTokenHash(cookie?.value ?? "")],
  );
  expect(session).toBeTruthy();
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/signin\?reason=expired/);
  await expect(page.getByText("Your session expired")).toBeVisible();
  expect(await sessionCookie(context)).toBeUndefined();
  const event = await expectAuditEvent({
    action: "auth.session_expired",
    since,
    targetId: session?.id,
  });
  expect(event).toMatchObject({ actorLabel: email, result: "DENIED" });
  expect(await query(`SELECT 1 FROM "Session" WHERE id = $1`, [session?.id])).toHaveLength(0);
  await context.close();
});

test("a revoked session is refused: an administrator revokes (with step-up), and sign out everywhere", async ({
  browser,
}) => {
  const since = new Date();
  const victim = await contextFrom(browser, clientAddress());
  await signInAsStaff(victim.page, "release@vendor.test");

  const admin = await contextFrom(browser, clientAddress());
  await signInAsStaff(admin.page, "admin@vendor.test");
  const releaseId = await userIdOf("release@vendor.test");
  const revoke = () =>
    admin.page.evaluate(async (userId) => {
      const res = await fetch(`/api/auth/sessions?userId=${userId}`, { method: "DELETE" });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    }, releaseId);

  // Revoking is sensitive: without a fresh security key assertion it is refused.
  const refused = await revoke();
  expect(refused).toMatchObject({ status: 403, body: { stepUpRequired: true } });
  await stepUp(admin.page, "admin@vendor.test");
  await expectAuditEvent({
    action: "auth.step_up_verified",
    since,
    actorLabel: "admin@vendor.test",
  });
  const done = await revoke();
  expect(done.status).toBe(200);
  expect(done.body.revoked).toBeGreaterThanOrEqual(1);
  await expectAuditEvent({
    action: "sessions.revoked",
    since,
    actorLabel: "admin@vendor.test",
    targetId: releaseId,
  });

  await victim.page.goto("/admin");
  await expect(victim.page).toHaveURL(/\/signin\?reason=revoked/);
  await expectAuditEvent({ action: "auth.session_rejected", since, targetId: "/admin" });
  await victim.context.close();

  // Sign out everywhere ends the user's other browsers too.
  const laptop = await contextFrom(browser, clientAddress());
  await signInAsStaff(laptop.page, "release@vendor.test");
  await admin.page.goto("/signout");
  await admin.page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(admin.page).toHaveURL(/\/signin\?reason=signed_out_everywhere/);
  const signedOut = await expectAuditEvent({
    action: "auth.signed_out",
    since,
    actorLabel: "admin@vendor.test",
  });
  expect(signedOut.metadata).toMatchObject({ scope: "all sessions" });
  expect(
    await query(`SELECT 1 FROM "Session" WHERE "userId" = $1`, [
      await userIdOf("admin@vendor.test"),
    ]),
  ).toHaveLength(0);
  // Another user's session is untouched by it.
  await laptop.page.goto("/admin");
  await expect(laptop.page).toHaveURL(/\/admin$/);
  await admin.context.close();
  await laptop.context.close();
});

test("a customer user cannot open any staff page or staff API, nor sign in as staff", async ({
  browser,
}) => {
  const since = new Date();
  const email = "ops@globex.test";
  const ip = clientAddress();
  const { context, page } = await contextFrom(browser, ip);
  await signInAsCustomer(page, email);
  await expect(page.getByRole("heading", { name: "Your licenses" })).toBeVisible();
  await expectAuditEvent({ action: "auth.signed_in", since, actorLabel: email });

  for (const path of ["/admin", "/admin/mfa/step-up", "/mfa/enroll", "/mfa/verify"]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/forbidden\?reason=staff_only/);
    await expect(page.getByTestId("forbidden-reason")).toContainText("customer account");
  }
  const denied = await expectAuditEvent({ action: "access.denied", since, actorLabel: email });
  expect(denied.reason).toMatch(/customer user on a staff page/);

  const requestId = randomUUID();
  const api = await page.request.get("/api/auth/sessions", {
    headers: { "x-request-id": requestId },
  });
  expect(api.status()).toBe(403);
  await expectAuditEvent({ action: "access.denied", since, requestId });
  const ceremony = await page.evaluate(
    async () =>
      (await fetch("/api/webauthn/registration/options", { method: "POST", body: "{}" })).status,
  );
  expect(ceremony).toBe(403);
  await context.close();

  // The staff provider refuses a customer identity outright.
  const other = await contextFrom(browser, clientAddress());
  await startStaffSignIn(other.page);
  await completeIdpLogin(other.page, email);
  await expect(other.page).toHaveURL(/\/signin\/refused\?reason=wrong_portal/);
  await expect(other.page.getByTestId("refusal-message")).toContainText("other portal");
  const refused = await expectAuditEvent({ action: "auth.sign_in_refused", since, account: email });
  expect(refused.reason).toMatch(/^wrong_portal/);
  expect(refused.userAgent).toMatch(/Chrome/);
  await other.context.close();
});

test("sign-in attempts that fail are audited: not allowed, and an error from the IdP", async ({
  browser,
}) => {
  const since = new Date();
  const ip = clientAddress();
  const { context, page } = await contextFrom(browser, ip);
  await startStaffSignIn(page);
  await completeIdpLogin(page, "outsider@example.com");
  await expect(page).toHaveURL(/\/signin\/refused\?reason=not_allowed/);
  await expect(page.getByTestId("refusal-message")).toContainText(
    "not allowed to use the vendor staff portal",
  );
  const refused = await expectAuditEvent({
    action: "auth.sign_in_refused",
    since,
    account: "outsider@example.com",
  });
  expect(refused).toMatchObject({ ip, result: "DENIED" });
  expect(await query(`SELECT 1 FROM "User" WHERE email = 'outsider@example.com'`)).toHaveLength(0);

  await startStaffSignIn(page);
  await expect(page.getByRole("heading", { name: "Tollgate dev identity provider" })).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/signin\/refused\?.*error=Callback/);
  await expect(page.getByTestId("refusal-message")).toContainText("could not be completed");
  const failed = await expectAuditEvent({ action: "auth.sign_in_failed", since, ip });
  expect(failed.reason).toMatch(/access_denied/);
  await context.close();
});

test("state-changing API requests from another origin are refused (CSRF)", async ({ browser }) => {
  const since = new Date();
  const { context, page } = await contextFrom(browser, clientAddress());
  await signInAsStaff(page, "admin@vendor.test");
  const requestId = randomUUID();
  const res = await page.request.post("/api/webauthn/authentication/options", {
    headers: {
      origin: "https://evil.example",
      "sec-fetch-site": "cross-site",
      "x-request-id": requestId,
    },
    data: { purpose: "step-up" },
  });
  expect(res.status()).toBe(403);
  expect(await res.json()).toMatchObject({ csrf: true });
  await expectAuditEvent({ action: "access.denied", since, requestId });
  await context.close();
});

test("a staff session does not open the customer portal either", async ({ browser }) => {
  const since = new Date();
  const { context, page } = await contextFrom(browser, clientAddress());
  await signInAsStaff(page, "admin@vendor.test");
  await page.goto("/portal");
  await expect(page).toHaveURL(/\/forbidden\?reason=customer_only/);
  const denied = await expectAuditEvent({
    action: "access.denied",
    since,
    actorLabel: "admin@vendor.test",
  });
  expect(denied.reason).toMatch(/staff user on a customer page/);
  await context.close();
});
