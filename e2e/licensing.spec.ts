// Licensing in the staff portal (issue 5): support can look at customers and licenses but change
// nothing, and the server refuses them when they try anyway; a security administrator creates a
// license for Globex, sees its key exactly once, revokes it, and every step is in the audit trail;
// the other license operations work from the license's page.
//
// The seeded Globex and Initech licenses are only read here: other specs (the update API, the
// agent) rely on them. The licenses these tests change are their own.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { expectAuditEvent, query } from "./fixtures/db";
import { signInAsStaff } from "./fixtures/sign-in";
import { rememberCredential } from "./fixtures/webauthn";

const ADMIN = "admin@vendor.test";
const SUPPORT = "support@vendor.test";
const KEY_PATTERN = /^TG(-[0-9A-HJKMNP-TV-Z]{5}){5}$/;

test.describe.configure({ mode: "serial" });

async function seededLicenseId(customerSlug: string): Promise<string> {
  const [row] = await query<{ id: string }>(
    `SELECT l.id FROM "License" l JOIN "Customer" c ON c.id = l."customerId"
      WHERE c.slug = $1 ORDER BY l."createdAt" ASC LIMIT 1`,
    [customerSlug],
  );
  if (!row) throw new Error(`no license for ${customerSlug} (is the e2e database seeded?)`);
  return row.id;
}

async function licenseStatus(id: string): Promise<string | undefined> {
  const [row] = await query<{ status: string }>(`SELECT status FROM "License" WHERE id = $1`, [id]);
  return row?.status;
}

// The id Next.js gave a server action in this build (the browser sends it as Next-Action).
function serverActionId(file: string, exportedName: string): string {
  const manifest = JSON.parse(
    readFileSync(
      path.join(process.env.NEXT_DIST_DIR || ".next", "server", "server-reference-manifest.json"),
      "utf8",
    ),
  ) as { node: Record<string, { filename?: string; exportedName?: string }> };
  const entry = Object.entries(manifest.node).find(
    ([, a]) => a.filename === file && a.exportedName === exportedName,
  );
  if (!entry) throw new Error(`no server action ${exportedName} in ${file} in this build`);
  return entry[0];
}

// Calls a server action the way the page's JavaScript would, from the signed-in browser.
async function postServerAction(page: Page, actionId: string, args: unknown[]) {
  return page.evaluate(
    async ({ actionId, args }) => {
      const res = await fetch(window.location.pathname, {
        method: "POST",
        headers: {
          "Next-Action": actionId,
          "Content-Type": "text/plain;charset=UTF-8",
          Accept: "text/x-component",
        },
        body: JSON.stringify(args),
      });
      return {
        status: res.status,
        requestId: res.headers.get("x-request-id"),
        body: await res.text(),
      };
    },
    { actionId, args },
  );
}

function toolbar(page: Page) {
  return page.getByRole("toolbar", { name: "License actions" });
}

test("support sees customers and licenses but has no controls, and the server refuses a crafted revoke", async ({
  page,
}) => {
  const since = new Date();
  const globexLicense = await seededLicenseId("globex");
  await signInAsStaff(page, SUPPORT, { next: "/admin/licenses" });

  await expect(page.getByRole("heading", { name: "Licenses" })).toBeVisible();
  const licenses = page.getByRole("table", { name: "Licenses" });
  await expect(licenses).toContainText("Globex Corporation");
  await expect(licenses).toContainText("Initech");
  await expect(page.getByRole("button", { name: "New license" })).toHaveCount(0);

  // Initech's license has expired: the badge says what it does for agents, not just "active".
  await page.getByLabel("Search").fill("initech");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=initech/);
  await expect(licenses.locator("tbody tr")).toHaveCount(1);
  await expect(licenses.locator("tbody tr")).toContainText("Expired");

  await page.goto(`/admin/licenses/${globexLicense}`);
  await expect(page.getByRole("heading", { name: /^License TG-…-/ })).toBeVisible();
  await expect(page.getByTestId("license-status")).toHaveText("Active");
  await expect(page.getByRole("table", { name: "Entitlements" })).toContainText("Acme Server");
  await expect(toolbar(page)).toHaveCount(0);
  for (const name of ["Edit", "Renew", "Suspend", "Revoke", "Rotate key", "Reveal key"])
    await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);

  // Customers: decrypted contacts for display, the customer's license, no edit control.
  await page.goto("/admin/customers");
  await page.getByRole("link", { name: "Globex Corporation" }).click();
  await expect(page.getByRole("heading", { name: "Globex Corporation" })).toBeVisible();
  await expect(page.getByTestId("customer-contact")).toContainText("Hank Scorpio");
  await expect(page.getByTestId("customer-contact")).toContainText("hank@globex.test");
  await expect(page.getByRole("table", { name: "Licenses" })).toContainText("Active");
  await expect(page.getByRole("table", { name: "Users" })).toContainText("ops@globex.test");
  await expect(page.getByRole("button", { name: "Edit customer" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "New license" })).toHaveCount(0);

  // The buttons are only hidden; the server is what refuses. Post the revoke action itself.
  await page.goto(`/admin/licenses/${globexLicense}`);
  const refused = await postServerAction(
    page,
    serverActionId("app/admin/licenses/[id]/actions.ts", "revokeLicenseAction"),
    [{ licenseId: globexLicense, reason: "support trying" }],
  );
  expect(refused.status).toBe(200);
  expect(refused.body).toContain('"code":"forbidden"');
  expect(refused.body).toContain("This requires the permission licenses:revoke.");
  const denied = await expectAuditEvent({
    action: "access.denied",
    since,
    actorLabel: SUPPORT,
    requestId: refused.requestId ?? "missing",
  });
  expect(denied).toMatchObject({ result: "DENIED", targetId: "action:licenses.revoke" });
  expect(await licenseStatus(globexLicense)).toBe("ACTIVE");

  // Unknown ids are a plain 404.
  expect((await page.goto("/admin/licenses/lic_doesnotexist"))?.status()).toBe(404);
  expect((await page.goto("/admin/customers/cus_doesnotexist"))?.status()).toBe(404);
});

test("an administrator creates a license for Globex, sees its key once, revokes it, and the audit shows each step", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const since = new Date();
  await signInAsStaff(page, ADMIN, { next: "/admin/licenses" });
  await page.getByRole("button", { name: "New license" }).click();
  const dialog = page.getByRole("dialog", { name: "New license" });

  // Bad input is answered next to the fields, and nothing is created.
  await dialog.getByLabel("Maximum machines").fill("lots");
  await dialog.getByRole("button", { name: "Create license" }).click();
  await expect(dialog.getByLabel("Customer", { exact: true })).toHaveAttribute(
    "aria-invalid",
    "true",
  );
  await expect(dialog.locator("#field-customerId-error")).toHaveText("is required");
  await expect(dialog.locator("#field-maxMachines-error")).toHaveText(
    "must be a whole number, or blank for no limit",
  );

  await dialog.getByLabel("Find customer").fill("globex");
  const customer = dialog.getByLabel("Customer", { exact: true });
  await expect(customer.locator("option", { hasText: "Globex Corporation" })).toHaveCount(1);
  await customer.selectOption({ label: "Globex Corporation (globex)" });
  const product = dialog.getByRole("group", { name: "Acme Server" });
  await product.getByLabel("Include Acme Server").check();
  await product.getByLabel("stable").check();
  await product.getByLabel("beta").check();
  await product.getByLabel("Platforms").fill("linux/x64, windows/x64");
  await dialog.getByLabel("Maximum machines").fill("5");
  await dialog.getByLabel("Expires on").fill("2031-06-30");
  await dialog.getByLabel("When it expires").selectOption("MAINTENANCE");
  await dialog.getByLabel("Notes").fill("e2e: created by the licensing spec");
  await dialog.getByRole("button", { name: "Create license" }).click();

  // The key, once, with a copy button.
  const shown = page.getByRole("dialog", { name: "License created" });
  await expect(shown).toContainText("It will not be shown again");
  const key = (await shown.getByTestId("secret-value").textContent()) ?? "";
  expect(key).toMatch(KEY_PATTERN);
  await shown.getByRole("button", { name: "Copy" }).click();
  await expect(shown.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  await shown.getByRole("button", { name: "I have saved it" }).click();

  await expect(page).toHaveURL(/\/admin\/licenses\/lic_[0-9a-f]{32}$/);
  const licenseId = new URL(page.url()).pathname.split("/").pop() ?? "";
  const hint = key.slice(-5);
  await expect(page.getByTestId("license-key-hint")).toHaveText(`TG-…-${hint}`);
  await expect(page.getByTestId("license-status")).toHaveText("Active");
  const entitlements = page.getByRole("table", { name: "Entitlements" });
  await expect(entitlements).toContainText("beta");
  await expect(entitlements).toContainText("windows/x64");
  await expect(page.getByText("then maintenance ends")).toBeVisible();
  await expect(page.getByTestId("license-expires")).toHaveText("2031-06-30 00:00 UTC");
  expect(await page.content()).not.toContain(key);
  await page.reload();
  await expect(page.getByTestId("license-key-hint")).toHaveText(`TG-…-${hint}`);
  expect(await page.content()).not.toContain(key);

  // Stored as a keyed hash and a ciphertext, never in the clear, and not in the audit trail.
  const [stored] = await query<{ keyHash: string; keyCiphertext: string; slug: string }>(
    `SELECT l."keyHash", l."keyCiphertext", c.slug FROM "License" l
       JOIN "Customer" c ON c.id = l."customerId" WHERE l.id = $1`,
    [licenseId],
  );
  expect(stored?.slug).toBe("globex");
  expect(`${stored?.keyHash} ${stored?.keyCiphertext}`).not.toContain(key.slice(3));

  // The list finds it by its whole key (looked up by hash).
  await page.goto(`/admin/licenses?q=${encodeURIComponent(key)}`);
  await expect(page.getByRole("table", { name: "Licenses" }).locator("tbody tr")).toHaveCount(1);
  await page.getByRole("link", { name: `TG-…-${hint}` }).click();

  // Revocation, confirmed, with a reason.
  await toolbar(page).getByRole("button", { name: "Revoke" }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke this license?" });
  await expect(confirm).toContainText("Revocation is permanent");
  await confirm.getByLabel("Reason").fill("e2e: customer asked to cancel");
  await confirm.getByRole("button", { name: "Revoke license" }).click();
  await expect(page.getByTestId("license-status")).toHaveText("Revoked");
  await expect(page.getByText("This license is revoked")).toBeVisible();
  await expect(toolbar(page).getByRole("button", { name: "Revoke" })).toHaveCount(0);
  await expect(toolbar(page).getByRole("button", { name: "Suspend" })).toHaveCount(0);
  expect(await licenseStatus(licenseId)).toBe("REVOKED");

  // The license's history on its page, and the audit trail in the database.
  const history = page.getByRole("table", { name: "License history" });
  await expect(history.locator("tbody tr").first()).toContainText("licenses.revoked");
  await expect(history).toContainText("licenses.created");
  await expect(history).toContainText("e2e: customer asked to cancel");
  const created = await expectAuditEvent({
    action: "licenses.created",
    since,
    actorLabel: ADMIN,
    targetId: licenseId,
  });
  expect(created.result).toBe("SUCCESS");
  const revoked = await expectAuditEvent({
    action: "licenses.revoked",
    since,
    actorLabel: ADMIN,
    targetId: licenseId,
  });
  expect(revoked).toMatchObject({ result: "SUCCESS", reason: "e2e: customer asked to cancel" });
  expect(revoked.requestId).toBeTruthy();
  const [changes] = await query<{ before: { status: string }; after: { status: string } }>(
    `SELECT before, after FROM "AuditEvent" WHERE action = 'licenses.revoked' AND "targetId" = $1`,
    [licenseId],
  );
  expect(changes?.before.status).toBe("ACTIVE");
  expect(changes?.after.status).toBe("REVOKED");
  const trail = await query<{ row: string }>(
    `SELECT row_to_json(e)::text AS row FROM "AuditEvent" e WHERE "targetId" = $1`,
    [licenseId],
  );
  expect(trail.length).toBeGreaterThanOrEqual(2);
  for (const { row } of trail) expect(row).not.toContain(key);

  // The filters: a revoked license is under "revoked", not under "active".
  await page.goto("/admin/licenses?status=revoked&product=acme-server");
  await expect(page.getByRole("link", { name: `TG-…-${hint}` })).toBeVisible();
  await page.goto("/admin/licenses?status=active");
  await expect(page.getByRole("link", { name: `TG-…-${hint}` })).toHaveCount(0);
  await page.goto("/admin/licenses?status=deleted&expiring=soon");
  await expect(page.getByText('"deleted" is not a status')).toBeVisible();
  await expect(page.getByText('not "soon"')).toBeVisible();
});

test("an administrator suspends, reinstates, renews, edits and rotates the key of a license", async ({
  page,
}) => {
  const since = new Date();
  const auth = await signInAsStaff(page, ADMIN, { next: "/admin/customers" });

  // A new customer, with field errors first.
  const slug = `e2e-${Date.now().toString(36)}`;
  await page.getByRole("button", { name: "New customer" }).click();
  const newCustomer = page.getByRole("dialog", { name: "New customer" });
  await newCustomer.getByLabel("Slug").fill("globex");
  await newCustomer.getByLabel("Contact email").fill("not an email");
  await newCustomer.getByRole("button", { name: "Create customer" }).click();
  await expect(newCustomer.locator("#field-name-error")).toHaveText("is required");
  await expect(newCustomer.getByLabel("Contact email")).toHaveAttribute("aria-invalid", "true");
  await newCustomer.getByLabel("Name", { exact: true }).fill("Umbrella E2E");
  await newCustomer.getByLabel("Contact email").fill("ops@umbrella.test");
  await newCustomer.getByRole("button", { name: "Create customer" }).click();
  await expect(newCustomer.getByText("already exists")).toBeVisible();
  await newCustomer.getByLabel("Slug").fill(slug);
  await newCustomer.getByRole("button", { name: "Create customer" }).click();
  await expect(page.getByRole("heading", { name: "Umbrella E2E" })).toBeVisible();
  await expect(page.getByTestId("customer-contact")).toContainText("ops@umbrella.test");

  // A license for it, from the customer's page (the customer comes preselected).
  await page.getByRole("link", { name: "New license" }).click();
  const dialog = page.getByRole("dialog", { name: "New license" });
  await expect(dialog.getByLabel("Customer", { exact: true })).toHaveValue(/^cus_/);
  const product = dialog.getByRole("group", { name: "Acme Server" });
  await product.getByLabel("Include Acme Server").check();
  await product.getByLabel("stable").check();
  await dialog.getByRole("button", { name: "Create license" }).click();
  const shown = page.getByRole("dialog", { name: "License created" });
  const firstKey = (await shown.getByTestId("secret-value").textContent()) ?? "";
  await shown.getByRole("button", { name: "I have saved it" }).click();
  await expect(page).toHaveURL(/\/admin\/licenses\/lic_/);
  const licenseId = new URL(page.url()).pathname.split("/").pop() ?? "";

  await toolbar(page).getByRole("button", { name: "Suspend" }).click();
  await page
    .getByRole("dialog", { name: "Suspend this license?" })
    .getByRole("button", { name: "Suspend license" })
    .click();
  await expect(page.getByTestId("license-status")).toHaveText("Suspended");
  await toolbar(page).getByRole("button", { name: "Reinstate" }).click();
  await page
    .getByRole("dialog", { name: "Reinstate this license?" })
    .getByRole("button", { name: "Reinstate license" })
    .click();
  await expect(page.getByTestId("license-status")).toHaveText("Active");

  // Renewal only extends: an earlier date is a field error.
  await toolbar(page).getByRole("button", { name: "Renew" }).click();
  const renew = page.getByRole("dialog", { name: "Renew license" });
  await renew.getByLabel("New expiry date").fill("2020-01-01");
  await renew.getByRole("button", { name: "Renew license" }).click();
  await expect(renew.getByText("must be later than the current expiry")).toBeVisible();
  await renew.getByLabel("New expiry date").fill("2040-01-31");
  await renew.getByRole("button", { name: "Renew license" }).click();
  await expect(page.getByTestId("license-expires")).toHaveText("2040-01-31 00:00 UTC");

  await toolbar(page).getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: "Edit license" });
  await edit.getByRole("group", { name: "Acme Server" }).getByLabel("Platforms").fill("linux-x64");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByText('must be "os/arch", e.g. linux/x64')).toBeVisible();
  await edit
    .getByRole("group", { name: "Acme Server" })
    .getByLabel("Platforms")
    .fill("linux/arm64");
  await edit.getByLabel("Maximum machines").fill("3");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("table", { name: "Entitlements" })).toContainText("linux/arm64");
  await expect(page.getByText("0 of 3")).toBeVisible();

  // A new key needs a fresh security key check; the browser's authenticator answers it.
  await toolbar(page).getByRole("button", { name: "Rotate key" }).click();
  await page
    .getByRole("dialog", { name: "Issue a new license key?" })
    .getByRole("button", { name: "Rotate key" })
    .click();
  const rotated = page.getByRole("dialog", { name: "New license key" });
  const newKey = (await rotated.getByTestId("secret-value").textContent({ timeout: 20_000 })) ?? "";
  await rememberCredential(auth, ADMIN);
  expect(newKey).toMatch(KEY_PATTERN);
  expect(newKey).not.toBe(firstKey);
  await rotated.getByRole("button", { name: "I have saved it" }).click();
  await expect(page.getByTestId("license-key-hint")).toHaveText(`TG-…-${newKey.slice(-5)}`);

  // Revealing the key is audited and can be repeated: the dialog does not claim "shown once".
  await toolbar(page).getByRole("button", { name: "Reveal key" }).click();
  const revealed = page.getByRole("dialog", { name: "License key" });
  await expect(revealed.getByTestId("secret-value")).toHaveText(newKey, { timeout: 20_000 });
  await expect(revealed).toContainText("Recorded in the audit trail");
  await expect(revealed).not.toContainText("Shown once");
  await revealed.getByRole("button", { name: "I have saved it" }).click();

  for (const action of [
    "licenses.created",
    "licenses.suspended",
    "licenses.reinstated",
    "licenses.renewed",
    "licenses.updated",
    "licenses.key_rotated",
  ])
    await expectAuditEvent({ action, since, actorLabel: ADMIN, targetId: licenseId });
  await expectAuditEvent({ action: "auth.step_up_verified", since, actorLabel: ADMIN });
  await expect(page.getByRole("table", { name: "License history" })).toContainText(
    "licenses.key_rotated",
  );
});
