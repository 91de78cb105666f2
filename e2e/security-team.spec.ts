// The security team's day, end to end: the auditor reads one license's history in the audit
// trail, opens an event's diff and exports the range, and can change nothing; repeated failed
// sign-ins raise an alert that the security administrator acknowledges from the dashboard.
//
// This file runs after identity.spec.ts (files run in name order, one worker): its failed
// sign-ins lock outsider@example.com for a window, which identity's own refusal test must not see.
import { expect, test } from "@playwright/test";
import { query } from "./fixtures/db";
import { completeIdpLogin, signInAsStaff, startStaffSignIn } from "./fixtures/sign-in";
import { rememberCredential } from "./fixtures/webauthn";
import { documentedRecipe } from "../tests/webhooks/documented-recipe";
import { startReceiver } from "../tests/webhooks/receiver";

const AUDITOR = "auditor@vendor.test";
const ADMIN = "admin@vendor.test";

test.describe.configure({ mode: "serial" });

test("the auditor filters to one license's history, opens a diff, exports, and changes nothing", async ({
  page,
}) => {
  const [license] = await query<{ targetId: string }>(
    `SELECT "targetId" FROM "AuditEvent" WHERE "action" = 'licenses.created' ORDER BY "seq" LIMIT 1`,
  );
  const licenseId = license?.targetId ?? "";
  expect(licenseId).not.toBe("");

  const auth = await signInAsStaff(page, AUDITOR, { next: "/admin/audit" });
  await expect(page.getByRole("link", { name: "Audit", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Alerts", exact: true })).toBeVisible();

  await page.getByLabel("Target type").fill("license");
  await page.getByLabel("Target id").fill(licenseId);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`targetId=${licenseId}`));
  const rows = page.getByRole("table", { name: "Audit events" }).locator("tbody tr");
  await expect(rows.first()).toContainText(licenseId);
  for (const text of await rows.allInnerTexts()) expect(text).toContain(licenseId);

  await page.getByRole("link", { name: "licenses.created" }).first().click();
  await expect(page.getByRole("heading", { name: "licenses.created" })).toBeVisible();
  await expect(
    page.getByRole("table", { name: "Changes" }).locator("tbody tr").first(),
  ).toBeVisible();
  await expect(page.getByTestId("chain-status")).toContainText("content matches its hash");

  await page.goBack();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^tollgate-audit-.*\.csv$/);
  const exported = await query<{ metadata: { filters: { targetId?: string } } }>(
    `SELECT "metadata" FROM "AuditEvent" WHERE "action" = 'audit.exported' AND "actorLabel" = $1
      ORDER BY "seq" DESC LIMIT 1`,
    [AUDITOR],
  );
  expect(exported[0]?.metadata.filters.targetId).toBe(licenseId);
  // The export's step-up used the key: later specs sign in with its raised counter.
  await rememberCredential(auth, AUDITOR);

  // Read-only: no alert controls, and no page that changes licenses.
  await page.goto("/admin/alerts");
  await expect(page.getByRole("heading", { name: "Security alerts" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Acknowledge" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Resolve" })).toHaveCount(0);
  await page.goto(`/admin/licenses/${licenseId}`);
  await expect(page).toHaveURL(/\/forbidden/);
});

test("the auditor follows history links from a user's page and from an event to the record's whole trail", async ({
  page,
}) => {
  await signInAsStaff(page, AUDITOR, { next: "/admin/users" });
  // Their own page: their sign-ins are about them, their export was done by them.
  await page.getByRole("link", { name: AUDITOR, exact: true }).click();
  await expect(page.getByRole("heading", { name: AUDITOR })).toBeVisible();
  const userId = page.url().split("/").pop() ?? "";
  await page.getByRole("link", { name: "Full history in the audit trail" }).click();
  await expect(page).toHaveURL(new RegExp(`targetType=user&targetId=${userId}`));
  const rows = page.getByRole("table", { name: "Audit events" }).locator("tbody tr");
  await expect(rows.first()).toContainText(userId);
  for (const text of await rows.allInnerTexts()) expect(text).toContain(userId);
  await page.goBack();
  await page.getByRole("link", { name: "Actions they performed" }).click();
  await expect(page).toHaveURL(new RegExp(`actor=${userId}`));
  await expect(rows.first()).toContainText(AUDITOR);

  // A license's page is not the auditor's, but its whole trail is, from any event about it.
  await page.goto("/admin/audit?action=licenses.created");
  await page.getByRole("link", { name: "licenses.created" }).first().click();
  await page.getByRole("link", { name: "All events about this license" }).click();
  await expect(page).toHaveURL(/targetType=license&targetId=lic_/);
  await expect(rows.first()).toBeVisible();
});

test("five failed sign-ins raise an alert that the security admin acknowledges from the dashboard", async ({
  page,
  browser,
}) => {
  // Six trips through the IdP: on a busy machine this needs more than the default minute.
  test.slow();
  const outsider = await browser.newContext();
  const attempt = await outsider.newPage();
  for (let i = 0; i < 5; i++) {
    await startStaffSignIn(attempt);
    await completeIdpLogin(attempt, "outsider@example.com");
    await expect(attempt).toHaveURL(/\/signin\/refused/);
  }
  await outsider.close();

  await signInAsStaff(page, ADMIN, { next: "/admin" });
  const row = page
    .getByRole("table", { name: "Active security alerts" })
    .locator("tbody tr", { hasText: "outsider@example.com" });
  await expect(row).toBeVisible();
  await row.getByLabel("Note").fill("Known tester; no action needed");
  await row.getByRole("button", { name: "Acknowledge" }).click();
  await expect(row).toContainText("acknowledged");
  const [alert] = await query<{ status: string; acknowledgedNote: string }>(
    `SELECT "status", "acknowledgedNote" FROM "Alert"
      WHERE "subject" = 'account:outsider@example.com' ORDER BY "firstSeenAt" DESC LIMIT 1`,
  );
  expect(alert).toEqual({
    status: "ACKNOWLEDGED",
    acknowledgedNote: "Known tester; no action needed",
  });
});

test("the dashboard draws its charts under the CSP, each with its numbers as a table and a link to its list", async ({
  page,
}) => {
  const refused: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
  });
  await signInAsStaff(page, ADMIN, { next: "/admin" });
  const signIns = page.getByRole("figure", { name: "Sign-ins and failures per day" });
  await expect(signIns.locator("svg .recharts-line").first()).toBeVisible();
  await expect(signIns).toContainText("Failures");
  await signIns.getByText("Show as a table").click();
  const table = signIns.getByRole("table", { name: "Sign-ins and failures per day" });
  await expect(table.locator("tbody tr")).toHaveCount(14);
  const today = new Date().toISOString().slice(5, 10);
  // Today's row counts the five refused sign-ins of the previous test.
  const failures = await table
    .getByRole("row", { name: new RegExp(`^${today}`) })
    .locator("td")
    .nth(1);
  expect(Number(await failures.innerText())).toBeGreaterThanOrEqual(5);

  const bySeverity = page.getByRole("figure", { name: "Open alerts by severity" });
  await expect(bySeverity.locator("svg .recharts-bar-rectangle").first()).toBeVisible();
  await expect(bySeverity.getByRole("link", { name: "All alerts" })).toHaveAttribute(
    "href",
    "/admin/alerts",
  );
  await expect(
    page.getByRole("figure", { name: "Update checks and downloads per day" }),
  ).toBeVisible();
  await expect(page.getByRole("figure", { name: /^Versions in the field/ }).first()).toBeVisible();
  await page.screenshot({ path: "test-results/dashboard-charts.png", fullPage: true });
  expect(refused).toEqual([]);

  await signIns.getByRole("link", { name: "Failed sign-ins" }).click();
  await expect(page).toHaveURL(/\/admin\/audit\?action=auth\.sign_in_failed/);
});

test("the security admin adds a webhook endpoint whose signed deliveries verify with the documented recipe", async ({
  page,
}) => {
  const verify = await documentedRecipe();
  const receiver = await startReceiver(() => ({ status: 200 }));
  try {
    const auth = await signInAsStaff(page, ADMIN, { next: "/admin/settings" });
    await page.getByRole("link", { name: "Webhooks" }).click();
    await expect(page.getByRole("heading", { name: "Webhooks" })).toBeVisible();
    await page.getByRole("button", { name: "New endpoint" }).click();
    const form = page.getByRole("dialog", { name: "New webhook endpoint" });
    await form.getByLabel("Name").fill("SIEM");
    await form.getByLabel("URL").fill("not a url");
    await form.getByRole("button", { name: "Add endpoint" }).click();
    await expect(form.getByText("Select at least one event", { exact: false })).toBeVisible();
    await form.getByLabel("URL").fill(receiver.url);
    await form.getByLabel(/Security alerts: all/).check();
    await form.getByRole("button", { name: "Add endpoint" }).click();
    const secretDialog = page.getByRole("dialog", { name: "Webhook endpoint added" });
    const secret = await secretDialog.getByTestId("secret-value").innerText();
    expect(secret).toMatch(/^whsec_/);
    await secretDialog.getByRole("button", { name: "I have saved it" }).click();
    // The step-up used the key: later specs sign in with its raised counter.
    await rememberCredential(auth, ADMIN);
    const row = page.getByRole("table", { name: "Webhook endpoints" }).locator("tbody tr", {
      hasText: "SIEM",
    });
    await expect(row).toContainText("alerts.*");

    // Resolving the alert acknowledged earlier is an alerts.* event: it is delivered, signed.
    await page.goto("/admin/alerts");
    const alert = page.locator("tr", { hasText: "outsider@example.com" }).first();
    await alert.getByLabel("Note").fill("Closed after the webhook test");
    await alert.getByRole("button", { name: "Resolve" }).click();
    await expect
      .poll(
        () => receiver.received.some((r) => r.headers["tollgate-event"] === "alerts.resolved"),
        {
          timeout: 20_000,
        },
      )
      .toBe(true);
    const got = receiver.received.find((r) => r.headers["tollgate-event"] === "alerts.resolved");
    expect(verify(secret, String(got?.headers["tollgate-signature"]), got?.body ?? "")).toBe(true);
    const body = JSON.parse(got?.body ?? "{}") as { alert?: { subject: string; status: string } };
    expect(body.alert).toMatchObject({
      subject: "account:outsider@example.com",
      status: "RESOLVED",
    });

    await page.goto("/admin/settings/webhooks");
    await page.getByRole("link", { name: "SIEM" }).click();
    const log = page.getByRole("table", { name: "Deliveries" });
    await expect(log.locator("tbody tr", { hasText: "alerts.resolved" })).toContainText(
      "delivered",
    );
    await expect(log.locator("tbody tr", { hasText: "alerts.resolved" })).toContainText("200");
    await page.screenshot({ path: "test-results/webhook-endpoint.png", fullPage: true });
    await page.getByRole("button", { name: "Turn off" }).click();
    await expect(page.getByTestId("endpoint-status")).toContainText("off");
  } finally {
    await receiver.close();
  }
});
