// API clients in the staff portal: a security administrator creates an update agent client for
// Globex's license and sees its secret exactly once (and the secret really works at the token
// endpoint), rotates it with an overlap, and revokes it; a release manager may look but not
// change; support does not see the page at all.
//
// The seeded demo-agent and demo-pipeline are only read here: other specs use their credentials.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { expectAuditEvent, query } from "./fixtures/db";
import { signInAsStaff } from "./fixtures/sign-in";
import { forgetCredential, rememberCredential } from "./fixtures/webauthn";

const ADMIN = "admin@vendor.test";
const RELEASE_MANAGER = "release@vendor.test";
const SUPPORT = "support@vendor.test";
const SECRET_PATTERN = /^tgs_[A-Za-z0-9_-]{43}$/;

test.describe.configure({ mode: "serial" });

// Leave the sign-in fixture as this file found it: a later spec may expect to enrol these users'
// security keys itself (identity.spec's first test does), and a forgotten key is re-enrolled by
// the fixture on the next sign-in.
test.afterAll(() => {
  for (const email of [ADMIN, RELEASE_MANAGER, SUPPORT]) forgetCredential(email);
});

async function tokenStatus(
  request: APIRequestContext,
  clientId: string,
  secret: string,
): Promise<number> {
  const res = await request.post("/api/oauth/token", {
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    data: "grant_type=client_credentials&scope=update%3Acheck",
  });
  return res.status();
}

test("an administrator creates an agent client for Globex, sees the secret once, rotates and revokes it", async ({
  page,
  request,
}) => {
  const since = new Date();
  const name = `Globex e2e agents ${Date.now().toString(36)}`;
  const auth = await signInAsStaff(page, ADMIN, { next: "/admin/api-clients" });
  const clients = page.getByRole("table", { name: "API clients" });
  await expect(clients).toContainText("Globex update agent (demo)");
  await expect(clients).toContainText("Build pipeline (demo)");

  await page.getByRole("button", { name: "New API client" }).click();
  const dialog = page.getByRole("dialog", { name: "New API client" });
  await expect(dialog.getByRole("radio", { name: /^Update agent/ })).toBeChecked();
  // Nothing filled in: the security key check comes first, then the field errors.
  await dialog.getByRole("button", { name: "Create client" }).click();
  await expect(dialog.locator("#field-name-error")).toHaveText("is required", { timeout: 20_000 });
  await rememberCredential(auth, ADMIN);
  await expect(dialog.locator("#field-licenseId-error")).toHaveText("is required");

  await dialog.getByLabel("Name", { exact: true }).fill(name);
  await dialog.getByLabel("Find license").fill("globex");
  const license = dialog.getByLabel("License", { exact: true });
  await expect(license.locator("option", { hasText: "Globex Corporation" }).first()).toBeAttached();
  const globex = await license
    .locator("option", { hasText: "Globex Corporation" })
    .first()
    .getAttribute("value");
  await license.selectOption(globex ?? "");
  await expect(dialog.getByLabel("update:check")).toBeChecked();
  await expect(dialog.getByLabel("update:download")).toBeChecked();
  await dialog.getByRole("button", { name: "Create client" }).click();

  const shown = page.getByRole("dialog", { name: "API client created" });
  await expect(shown).toContainText("It will not be shown again");
  const secret = (await shown.getByTestId("secret-value").textContent()) ?? "";
  const clientId = (await shown.getByTestId("client-id").textContent()) ?? "";
  expect(secret).toMatch(SECRET_PATTERN);
  expect(clientId).toMatch(/^tgc_/);
  await shown.getByRole("button", { name: "I have saved it" }).click();
  await expect(shown).toHaveCount(0);

  const row = clients.locator("tbody tr", { hasText: name });
  await expect(row).toContainText(clientId);
  await expect(row).toContainText("Globex Corporation");
  await expect(row).toContainText(`tgs_…${secret.slice(-4)}`);
  expect(await page.content()).not.toContain(secret);
  await page.reload();
  await expect(row).toContainText("Active");
  expect(await page.content()).not.toContain(secret);
  expect(await tokenStatus(request, clientId, secret)).toBe(200);

  // Rotation with the default overlap: the old secret keeps working for a while.
  await row.getByRole("button", { name: `Rotate secret of ${name}` }).click();
  const rotate = page.getByRole("dialog", { name: `Rotate the secret of ${name}?` });
  await expect(rotate.getByLabel("Old secrets keep working for")).toHaveValue("86400");
  await rotate.getByRole("button", { name: "Issue new secret" }).click();
  const rotated = page.getByRole("dialog", { name: `New secret for ${name}` });
  await expect(rotated).toContainText("The previous secret keeps working until");
  const newSecret = (await rotated.getByTestId("secret-value").textContent()) ?? "";
  expect(newSecret).toMatch(SECRET_PATTERN);
  expect(newSecret).not.toBe(secret);
  await rotated.getByRole("button", { name: "I have saved it" }).click();
  expect(await tokenStatus(request, clientId, newSecret)).toBe(200);
  expect(await tokenStatus(request, clientId, secret)).toBe(200);

  // Revocation: confirmed; every secret stops working.
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  const revoke = page.getByRole("dialog", { name: `Revoke ${name}?` });
  await revoke.getByLabel("Reason").fill("e2e: decommissioned");
  await revoke.getByRole("button", { name: "Revoke client" }).click();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button")).toHaveCount(0);
  expect(await tokenStatus(request, clientId, newSecret)).toBe(401);

  const [stored] = await query<{ id: string; licenseId: string; slug: string }>(
    `SELECT a.id, a."licenseId", c.slug FROM "ApiClient" a JOIN "Customer" c ON c.id = a."customerId"
      WHERE a."clientId" = $1`,
    [clientId],
  );
  expect(stored?.slug).toBe("globex");
  const targetId = stored?.id ?? "missing";
  for (const action of ["api_clients.created", "api_clients.secret_rotated", "api_clients.revoked"])
    await expectAuditEvent({ action, since, actorLabel: ADMIN, targetId });
  await expectAuditEvent({ action: "auth.step_up_verified", since, actorLabel: ADMIN });
  const trail = await query<{ row: string }>(
    `SELECT row_to_json(e)::text AS row FROM "AuditEvent" e WHERE "targetId" = $1`,
    [targetId],
  );
  for (const { row: text } of trail) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(newSecret);
  }
});

test("a release manager sees the API clients but cannot create, rotate or revoke; support does not see them", async ({
  page,
  browser,
}) => {
  await signInAsStaff(page, RELEASE_MANAGER, { next: "/admin/api-clients" });
  await expect(page.getByRole("table", { name: "API clients" })).toContainText("demo-agent");
  await expect(page.getByRole("button", { name: "New API client" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Rotate secret/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);

  const context = await browser.newContext();
  const support = await context.newPage();
  await signInAsStaff(support, SUPPORT);
  await expect(support.getByRole("navigation", { name: "Main" })).not.toContainText("API clients");
  await support.goto("/admin/api-clients");
  await expect(support).toHaveURL(/\/forbidden\?reason=permission&permission=api_clients%3Aread/);
  await context.close();
});
