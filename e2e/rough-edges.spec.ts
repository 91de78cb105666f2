// Edges found walking the staff portal in Chromium: least-privilege defaults for new pipeline
// clients, an expired license never offered as if it were active, a read-only note for support,
// misses shown inside the portal, a favicon, an upload with a bad file name refused before
// the file is sent, and a customer's artifact size said once.
import { expect, test, type Page } from "@playwright/test";
import { query } from "./fixtures/db";
import { signInAsCustomer, signInAsStaff } from "./fixtures/sign-in";
import { forgetCredential, rememberCredential } from "./fixtures/webauthn";

const ADMIN = "admin@vendor.test";
const RELEASE_MANAGER = "release@vendor.test";
const SUPPORT = "support@vendor.test";

test.describe.configure({ mode: "serial" });

test.afterAll(() => {
  for (const email of [ADMIN, RELEASE_MANAGER, SUPPORT]) forgetCredential(email);
});

async function openNewClientDialog(page: Page) {
  await page.getByRole("button", { name: "New API client" }).click();
  return page.getByRole("dialog", { name: "New API client" });
}

test("a new build pipeline client starts without publish and yank; an expired license says so", async ({
  page,
}) => {
  const auth = await signInAsStaff(page, ADMIN, { next: "/admin/api-clients" });
  await rememberCredential(auth, ADMIN);
  const dialog = await openNewClientDialog(page);
  await dialog.getByRole("radio", { name: /^Build pipeline/ }).check();
  for (const scope of ["releases:read", "releases:write", "artifacts:write", "products:read"])
    await expect(dialog.getByRole("checkbox", { name: new RegExp(`^${scope}`) })).toBeChecked();
  for (const scope of ["releases:publish", "releases:yank"])
    await expect(dialog.getByRole("checkbox", { name: new RegExp(`^${scope}`) })).not.toBeChecked();

  await dialog.getByRole("radio", { name: /^Update agent/ }).check();
  await dialog.getByLabel("Find license").fill("Initech");
  const license = dialog.getByLabel("License", { exact: true });
  const initech = license.locator("option", { hasText: "Initech" });
  await expect(initech).toHaveCount(1);
  await expect(initech).toContainText("expired");
  await expect(dialog).not.toContainText("active found");

  // An administrator, who can change licenses, sees no read-only note.
  await page.goto("/admin/licenses");
  await expect(page.getByRole("heading", { name: "Licenses" })).toBeVisible();
  await expect(page.getByTestId("read-only-note")).toHaveCount(0);
});

test("support sees a read-only note on pages it cannot change", async ({ page }) => {
  await signInAsStaff(page, SUPPORT, { next: "/admin/licenses" });
  for (const path of ["/admin/licenses", "/admin/customers", "/admin/products"]) {
    await page.goto(path);
    await expect(page.getByTestId("read-only-note")).toContainText("Read-only access");
  }
});

test("a miss is a 404 inside the portal's layout, and the app has a favicon", async ({ page }) => {
  await signInAsStaff(page, SUPPORT, { next: "/admin" });
  for (const path of [
    "/admin/no-such-page",
    "/admin/licenses/lic_doesnotexist",
    "/admin/products/acme-server/releases/not-a-release-id",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    // Inside the staff portal: its navigation and the signed-in user are on the page.
    await expect(page.getByTestId("signed-in-user")).toContainText(SUPPORT);
  }
  const outside = await page.goto("/no-such-page");
  expect(outside?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

  const icon = page.locator('head link[rel="icon"]');
  const href = await icon.first().getAttribute("href");
  expect(href).toBeTruthy();
  const res = await page.request.get(href ?? "/");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("image/svg+xml");
});

test("an upload with a bad file name is refused before the file is sent", async ({ page }) => {
  const [release] = await query<{ id: string }>(
    `INSERT INTO "Release" ("productId", "channelId", version, major, minor, patch, "updatedAt")
     SELECT p.id, c.id, $1, 8, 0, $2, now()
       FROM "Product" p JOIN "Channel" c ON c."productId" = p.id AND c.name = 'stable'
      WHERE p.slug = 'acme-server' RETURNING id`,
    [`8.0.${Date.now() % 100000}`, Date.now() % 100000],
  );
  await signInAsStaff(page, RELEASE_MANAGER, {
    next: `/admin/products/acme-server/releases/${release?.id}`,
  });
  const uploads: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/artifacts/")) uploads.push(r.url());
  });
  const form = page.getByRole("form", { name: "Upload artifact" });
  await form.getByLabel("Build file").setInputFiles({
    name: "build.tar.gz",
    mimeType: "application/gzip",
    buffer: Buffer.from("a small build"),
  });
  await form.getByLabel("File name").fill("my build (final).tar.gz");
  await form.getByRole("button", { name: "Upload artifact" }).click();
  await expect(form).toContainText("cannot be used as a file name");
  await expect(form).toContainText("no spaces or folders");
  expect(uploads).toEqual([]);
});

test("products, releases and API clients can be searched and paged", async ({ page }) => {
  const run = Date.now().toString(36);
  for (let i = 0; i < 26; i++)
    await query(`INSERT INTO "Product" (slug, name, "updatedAt") VALUES ($1, $2, now())`, [
      `paged-${run}-${String(i).padStart(2, "0")}`,
      `Paged ${run} ${i}`,
    ]);
  await signInAsStaff(page, ADMIN, { next: `/admin/products?q=paged-${run}` });
  const products = page.getByRole("table", { name: "Products" });
  await expect(products).toContainText(`paged-${run}-00`);
  await expect(products).not.toContainText("acme-server");
  await expect(products.locator("tbody tr")).toHaveCount(25);
  await page.getByRole("link", { name: "Next page →" }).click();
  await expect(products.locator("tbody tr")).toHaveCount(1);
  await expect(products).toContainText(`paged-${run}-25`);
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue(`paged-${run}`);
  await page.getByRole("link", { name: "← First page" }).click();
  await expect(products.locator("tbody tr")).toHaveCount(25);

  await page.goto("/admin/products/acme-server?q=beta");
  const releases = page.getByRole("table", { name: /^Releases of acme-server/ });
  await expect(releases.locator("tbody tr")).toHaveCount(1);
  await expect(releases).toContainText("2.1.0-beta.1");

  await page.goto("/admin/api-clients?q=pipeline");
  const clients = page.getByRole("table", { name: "API clients" });
  await expect(clients).toContainText("Build pipeline (demo)");
  await expect(clients).not.toContainText("Globex update agent (demo)");
});

test("the customer portal says a small artifact's size once, a larger one with its exact count", async ({
  page,
}) => {
  const [artifact] = await query<{ releaseId: string; size: string }>(
    `SELECT a."releaseId", a.size::text AS size FROM "Artifact" a
       JOIN "Release" r ON r.id = a."releaseId" JOIN "Product" p ON p.id = r."productId"
      WHERE p.slug = 'acme-server' AND r.version = '2.0.0' AND a.platform = 'linux' AND a.arch = 'x64'`,
  );
  if (!artifact) throw new Error("acme-server 2.0.0 linux/x64 is not seeded");
  await signInAsCustomer(page, "ops@globex.test");
  await page.goto(`/portal/releases/${artifact.releaseId}`);
  const size = page
    .locator("dt", { hasText: /^Size$/ })
    .first()
    .locator("xpath=following-sibling::dd");
  const bytes = Number(artifact.size);
  // The seeded build is a few dozen bytes: "47 bytes", not "47 bytes (47 bytes)".
  expect(bytes).toBeLessThan(1000);
  await expect(size).toHaveText(`${bytes} bytes`);
});
