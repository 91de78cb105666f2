// Releases in the staff portal (issue 6): a release manager creates a release, uploads a build
// with a progress bar, publishes it (with a step-up) and sees it signed; support sees releases
// but has no controls, and the upload route refuses them with an audited 403.
//
// The tests share one story and run in order: 3.0.0 is created and published in the first, the
// second looks at it as support, and the last yanks it again, so that later specs find the
// seeded catalogue's offers (2.0.0 the newest stable) unchanged.
import { createHash, randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { expectAuditEvent, query } from "./fixtures/db";
import { signInAsStaff } from "./fixtures/sign-in";
import { rememberCredential } from "./fixtures/webauthn";

const PRODUCT = "acme-server";
const VERSION = "3.0.0";
const DRAFT_VERSION = "3.0.1";
const RELEASE_MANAGER = "release@vendor.test";
const SUPPORT = "support@vendor.test";

test.describe.configure({ mode: "serial" });

async function releaseId(version: string): Promise<string> {
  const [row] = await query<{ id: string }>(
    `SELECT r.id FROM "Release" r JOIN "Product" p ON p.id = r."productId" WHERE p.slug = $1 AND r.version = $2`,
    [PRODUCT, version],
  );
  if (!row) throw new Error(`${PRODUCT} ${version} does not exist`);
  return row.id;
}

function releaseRows(page: Page) {
  return page.getByRole("table", { name: /Releases of acme-server/ }).locator("tbody tr");
}

async function createDraft(page: Page, version: string, notes = "") {
  await page.getByRole("button", { name: "New release" }).click();
  const dialog = page.getByRole("dialog", { name: `New release of ${PRODUCT}` });
  await dialog.getByLabel("Version", { exact: true }).fill(version);
  await dialog.getByLabel("Channel").selectOption("stable");
  await dialog.getByLabel("Release notes").fill(notes);
  await dialog.getByRole("button", { name: "Create draft" }).click();
  return dialog;
}

// Records every value the progress bar shows, so the test can tell a bar that moved from one
// that jumped straight to the end.
async function watchProgress(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { progressSeen: number[] }).progressSeen = seen;
    new MutationObserver(() => {
      const value = document.querySelector('[role="progressbar"]')?.getAttribute("aria-valuenow");
      if (value !== null && value !== undefined && seen.at(-1) !== Number(value))
        seen.push(Number(value));
    }).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["aria-valuenow"],
    });
  });
  return () => page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
}

test("products are created with field errors, and the seeded one lists its releases newest first, filtered by channel and status", async ({
  page,
}) => {
  await signInAsStaff(page, RELEASE_MANAGER, { next: "/admin/products" });
  await expect(page.getByRole("heading", { name: "Products & releases" })).toBeVisible();
  await expect(page.getByTestId(`channels-${PRODUCT}`)).toContainText("stable");

  // A new product: each bad field is named, a taken slug too; then a channel is added to it.
  await page.getByRole("button", { name: "New product" }).click();
  const newProduct = page.getByRole("dialog", { name: "New product" });
  await newProduct.getByLabel("Slug").fill("Acme Agent");
  await newProduct.getByLabel("Name", { exact: true }).fill("Acme Agent");
  await newProduct.getByRole("button", { name: "Create product" }).click();
  await expect(
    newProduct.getByText("lowercase letters, digits and dashes (at most 63)"),
  ).toBeVisible();
  await newProduct.getByLabel("Slug").fill(PRODUCT);
  await newProduct.getByRole("button", { name: "Create product" }).click();
  await expect(newProduct.getByText("already exists")).toBeVisible();
  await newProduct.getByLabel("Slug").fill("acme-agent");
  await newProduct.getByRole("button", { name: "Create product" }).click();
  await expect(newProduct).toHaveCount(0);
  await expect(page.getByTestId("channels-acme-agent")).toHaveText("betastable");
  await page.getByRole("button", { name: "Add channel to Acme Agent" }).click();
  const addChannel = page.getByRole("dialog", { name: "Add a channel to Acme Agent" });
  await addChannel.getByLabel("Channel name").fill("lts");
  await addChannel.getByRole("button", { name: "Add channel" }).click();
  await expect(page.getByTestId("channels-acme-agent")).toHaveText("betaltsstable");

  await page.getByRole("link", { name: "Acme Server" }).click();

  await expect(page.getByRole("heading", { name: "Acme Server" })).toBeVisible();
  await expect(releaseRows(page).locator("td:first-child")).toHaveText([
    "2.1.0-beta.1",
    "2.0.0",
    "1.1.0",
    "1.0.0",
  ]);

  await page.getByLabel("Channel").selectOption("beta");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/channel=beta/);
  await expect(releaseRows(page).locator("td:first-child")).toHaveText(["2.1.0-beta.1"]);

  // A hand-edited URL is answered with a note, not an error page.
  await page.goto(`/admin/products/${PRODUCT}?status=deleted`);
  await expect(page.getByText('"deleted" is not a status')).toBeVisible();
  await expect(releaseRows(page)).toHaveCount(4);
  expect((await page.goto("/admin/products/no-such-product"))?.status()).toBe(404);
});

test("a release manager creates a release, uploads a build with a progress bar and publishes it", async ({
  page,
}) => {
  const since = new Date();
  const auth = await signInAsStaff(page, RELEASE_MANAGER, { next: `/admin/products/${PRODUCT}` });

  // A taken version is a field error on the version, and nothing is created.
  const dialog = await createDraft(page, "2.0.0");
  await expect(dialog.getByText("already exists")).toBeVisible();
  await expect(dialog.getByLabel("Version", { exact: true })).toHaveAttribute(
    "aria-invalid",
    "true",
  );
  await dialog.getByLabel("Version", { exact: true }).fill(VERSION);
  await dialog
    .getByLabel("Release notes")
    .fill("## What's new\n\n- **Faster** sync\n\n<script>window.injected = true</script>");
  await dialog.getByRole("button", { name: "Create draft" }).click();

  await expect(page).toHaveURL(/\/admin\/products\/acme-server\/releases\/rel_[0-9a-f]{32}$/);
  // Titled by the product's name, not its slug.
  await expect(page.getByRole("heading", { name: `Acme Server ${VERSION}` })).toBeVisible();
  await expect(page.getByTestId("release-status")).toHaveText("Draft");
  const notes = page.getByTestId("release-notes");
  await expect(notes.locator("strong")).toHaveText("Faster");
  await expect(notes).toContainText("<script>window.injected = true</script>");
  expect(await page.evaluate(() => "injected" in window)).toBe(false);
  await expect(page.getByRole("button", { name: "Publish" })).toBeDisabled();

  const build = randomBytes(3 * 1024 * 1024);
  const sha256 = createHash("sha256").update(build).digest("hex");
  const fileName = `acme-server-${VERSION}-linux-x64.tar.gz`;
  const upload = page.getByRole("form", { name: "Upload artifact" });
  await upload.getByLabel("Platform").selectOption("linux");
  await upload.getByLabel("Architecture").selectOption("x64");
  await upload
    .getByLabel("Build file")
    .setInputFiles({ name: fileName, mimeType: "application/gzip", buffer: build });
  await expect(upload.getByLabel("File name")).toHaveValue(fileName);

  // A file damaged on the way (the checksum header no longer matches) is refused and explained.
  await page.route(
    "**/api/admin/releases/**",
    (route) =>
      route.continue({
        headers: { ...route.request().headers(), "x-checksum-sha256": "0".repeat(64) },
      }),
    { times: 1 },
  );
  await upload.getByRole("button", { name: "Upload artifact" }).click();
  await expect(upload.getByTestId("upload-error")).toContainText("Checksum mismatch");
  await expect(page.getByRole("table", { name: "Artifacts" })).toContainText("No artifacts yet");

  // Slow the connection down so that the bar visibly moves before it reaches 100%.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: 1024 * 1024,
  });
  const progressSeen = await watchProgress(page);
  await upload.getByRole("button", { name: "Upload artifact" }).click();
  const bar = upload.getByRole("progressbar", { name: "Upload progress" });
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute("aria-valuenow", "100", { timeout: 30_000 });
  await expect(upload.getByTestId("upload-result")).toContainText(sha256);
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  const values = await progressSeen();
  expect(values.at(-1)).toBe(100);
  expect(
    values.some((v) => v > 0 && v < 100),
    `progress values seen: ${values.join(", ")}`,
  ).toBe(true);

  const artifacts = page.getByRole("table", { name: "Artifacts" });
  await expect(artifacts).toContainText(fileName);
  // 3 MiB in SI units, with the exact count on hover.
  await expect(artifacts).toContainText("3.1 MB");
  await expect(artifacts.getByTitle("3,145,728 bytes")).toBeVisible();
  await expect(page.getByTestId("sha256-linux-x64")).toHaveText(sha256);

  // Publishing is a sensitive action: the portal asks the security key again (step-up).
  await page.getByRole("button", { name: "Publish" }).click();
  await page
    .getByRole("dialog", { name: `Publish ${VERSION}?` })
    .getByRole("button", { name: "Publish release" })
    .click();
  await expect(page.getByTestId("release-status")).toHaveText("Published", { timeout: 20_000 });
  await rememberCredential(auth, RELEASE_MANAGER);
  await expect(page.getByTestId("published-by")).toHaveText(`by ${RELEASE_MANAGER}`);
  await expect(page.getByTestId("manifest-signature")).not.toBeEmpty();
  await expect(page.getByTestId("sha256-linux-x64")).toHaveText(sha256);
  await expect(page.getByRole("form", { name: "Upload artifact" })).toHaveCount(0);

  const id = await releaseId(VERSION);
  const expected: [string, string | undefined][] = [
    ["artifacts.upload_failed", id],
    ["artifacts.uploaded", undefined],
    ["auth.step_up_verified", undefined],
    ["releases.published", id],
  ];
  for (const [action, targetId] of expected) {
    await expectAuditEvent({ action, since, actorLabel: RELEASE_MANAGER, targetId });
  }

  // A second draft stays unpublished, for support to look at.
  await page.goto(`/admin/products/${PRODUCT}`);
  await createDraft(page, DRAFT_VERSION);
  await expect(page.getByTestId("release-status")).toHaveText("Draft");
});

test("support sees releases but has no upload, publish or yank controls; the upload route refuses them", async ({
  page,
}) => {
  const since = new Date();
  await signInAsStaff(page, SUPPORT, { next: `/admin/products/${PRODUCT}` });
  await expect(releaseRows(page).first()).toContainText(DRAFT_VERSION);
  await expect(page.getByRole("button", { name: "New release" })).toHaveCount(0);

  await page.getByRole("link", { name: VERSION, exact: true }).click();
  await expect(page.getByTestId("release-status")).toHaveText("Published");
  await expect(page.getByRole("table", { name: "Artifacts" })).toContainText(
    `acme-server-${VERSION}-linux-x64.tar.gz`,
  );
  await expect(page.getByRole("button", { name: "Yank" })).toHaveCount(0);

  const draftId = await releaseId(DRAFT_VERSION);
  await page.goto(`/admin/products/${PRODUCT}/releases/${draftId}`);
  await expect(page.getByTestId("release-status")).toHaveText("Draft");
  await expect(page.getByRole("button", { name: "Publish" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Upload artifact" })).toHaveCount(0);

  // The controls are only hidden; the server is what refuses. The browser sends the PUT itself.
  const refused = await page.evaluate(async (url) => {
    const res = await fetch(url, {
      method: "PUT",
      body: "support's build",
      headers: { "content-type": "application/octet-stream", "x-checksum-sha256": "a".repeat(64) },
    });
    return {
      status: res.status,
      requestId: res.headers.get("x-request-id"),
      body: (await res.json()) as { detail: string },
    };
  }, `/api/admin/releases/${draftId}/artifacts/linux/x64`);
  expect(refused.status).toBe(403);
  expect(refused.body.detail).toBe("This requires the permission artifacts:write.");
  const event = await expectAuditEvent({
    action: "access.denied",
    since,
    actorLabel: SUPPORT,
    requestId: refused.requestId ?? "missing",
  });
  expect(event).toMatchObject({ result: "DENIED", targetId: "admin.releases.upload_artifact" });
  expect(await query(`SELECT id FROM "Artifact" WHERE "releaseId" = $1`, [draftId])).toHaveLength(
    0,
  );
});

test("a release manager yanks the release with a reason", async ({ page }) => {
  const since = new Date();
  const id = await releaseId(VERSION);
  await signInAsStaff(page, RELEASE_MANAGER, { next: `/admin/products/${PRODUCT}/releases/${id}` });
  await page.getByRole("button", { name: "Yank" }).click();
  const dialog = page.getByRole("dialog", { name: `Yank ${VERSION}?` });
  await dialog.getByLabel("Reason").fill("Corrupts the config on upgrade");
  await dialog.getByRole("button", { name: "Yank release" }).click();
  await expect(page.getByTestId("release-status")).toHaveText("Yanked");
  await expect(page.getByText("Reason: Corrupts the config on upgrade")).toBeVisible();
  // The banner says who yanked it, as the audit trail records them.
  await expect(page.getByRole("status").filter({ hasText: /^Yanked/ })).toContainText(
    `by ${RELEASE_MANAGER}`,
  );
  await expect(page.getByRole("button", { name: "Yank" })).toHaveCount(0);
  const event = await expectAuditEvent({
    action: "releases.yanked",
    since,
    actorLabel: RELEASE_MANAGER,
    targetId: id,
  });
  expect(event.reason).toBe("Corrupts the config on upgrade");
});
