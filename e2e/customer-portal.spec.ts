// The customer portal in Chromium against the production build and the seeded demo data:
// onboarding (staff invite a Globex colleague who signs in, then remove them: signed out at the
// next click), downloads signed on click whose SHA-256 matches the page, version history, an
// agent credential the reference agent updates a directory with, links past their lifetime,
// Initech (expired) told why and refused Globex's links on readable pages, no staff pages, and
// every page at 1280 and 390 px.
import { spawn } from "node:child_process";
import { createHash, createHmac, createPublicKey, randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { mkdir, readFile, readlink, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { query } from "./fixtures/db";
import { signInAsCustomer, signInAsStaff } from "./fixtures/sign-in";

const BASE = process.env.E2E_BASE_URL ?? "http://localhost:3100";
const SHOTS = process.env.PORTAL_SCREENSHOTS;

async function idOf(sql: string, params: unknown[] = []): Promise<string> {
  const [row] = await query<{ id: string }>(sql, params);
  if (!row) throw new Error(`no row for ${sql}`);
  return row.id;
}

const customerId = (slug: string) => idOf(`SELECT id FROM "Customer" WHERE slug = $1`, [slug]);
const artifactId = (version: string, platform = "linux", arch = "x64") =>
  idOf(
    `SELECT a.id FROM "Artifact" a JOIN "Release" r ON r.id = a."releaseId" JOIN "Product" p ON p.id = r."productId"
      WHERE p.slug = 'acme-server' AND r.version = $1 AND a.platform = $2 AND a.arch = $3`,
    [version, platform, arch],
  );

// A download URL as lib/downloads signs it, issued at `issuedAt`: how a link left open past its
// lifetime looks when it is finally clicked.
function signedUrl(artifact: string, customer: string, exp: number): string {
  const secret = process.env.DOWNLOAD_URL_SECRET;
  if (!secret) throw new Error("DOWNLOAD_URL_SECRET is not set: run through `npm test -- e2e`");
  const sig = createHmac("sha256", secret)
    .update(`tollgate-download-v1|${artifact}|customer:${customer}|${exp}`)
    .digest("base64url");
  return `${BASE}/api/downloads/${artifact}?cust=${customer}&exp=${exp}&sig=${sig}`;
}

async function downloadSha(page: Page, click: () => Promise<void>): Promise<string> {
  const pending = page.waitForEvent("download");
  await click();
  const file = await (await pending).path();
  return createHash("sha256")
    .update(await readFile(file))
    .digest("hex");
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    // Nothing may push the page wider than the screen (tables scroll inside their frame).
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow, `${name} at ${width}px is ${overflow}px too wide`).toBeLessThanOrEqual(0);
    if (SHOTS)
      await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("staff invite a Globex colleague who signs in; removed, they are signed out at the next click", async ({
  page,
  browser,
}) => {
  const email = `e2e-${randomBytes(4).toString("hex")}@globex.test`;
  await signInAsStaff(page, "admin@vendor.test", {
    next: `/admin/customers/${await customerId("globex")}`,
  });
  await page.getByRole("button", { name: "Invite user" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  const row = page.getByRole("row", { name: new RegExp(email) });
  await expect(row.getByText(/Invited/)).toBeVisible();
  if (SHOTS)
    await page.screenshot({ path: path.join(SHOTS, "admin-customer-1280.png"), fullPage: true });

  const colleague = await (await browser.newContext()).newPage();
  await signInAsCustomer(colleague, email);
  await expect(colleague.getByText("Globex Corporation").first()).toBeVisible();
  await expect(colleague.getByTestId("signed-in-user")).toContainText(email);

  await page.reload();
  await row.getByRole("button", { name: /^Remove / }).click();
  await page.getByRole("button", { name: "Remove user" }).click();
  await expect(page.getByRole("row", { name: new RegExp(email) })).toHaveCount(0);

  await colleague.getByRole("link", { name: "Downloads", exact: true }).click();
  await colleague.waitForURL((url) => url.pathname === "/portal/signin");
  await expect(
    colleague.getByRole("button", { name: "Sign in with your organisation account" }),
  ).toBeVisible();
});

test("ops@globex.test downloads 2.0.0 and 1.1.0 with matching SHA-256, and links never go stale", async ({
  page,
}) => {
  await signInAsCustomer(page, "ops@globex.test");
  await shoot(page, "overview");
  await page.getByRole("link", { name: "Downloads", exact: true }).click();
  const latest = page.getByRole("list", { name: "Latest Acme Server stable downloads" });
  const row = latest.getByRole("listitem").filter({ hasText: "linux/x64" });
  const link = row.getByRole("link", { name: /acme-server-2\.0\.0-linux-x64/ });
  // The page holds no signed URL: the click signs one, so an old page still works.
  expect(await link.getAttribute("href")).toMatch(/^\/portal\/downloads\/art_[0-9a-f]{32}$/);
  const sha = await downloadSha(page, () => link.click());
  await expect(row.getByTestId("sha256")).toHaveText(sha);
  await shoot(page, "downloads");

  await page.getByRole("link", { name: "Acme Server 1.1.0" }).click();
  await expect(page.getByRole("heading", { name: "Acme Server 1.1.0" })).toBeVisible();
  const oldLink = page.getByRole("link", { name: /acme-server-1\.1\.0-linux-x64/ });
  const old = await downloadSha(page, () => oldLink.click());
  await expect(page.locator("section", { has: oldLink }).getByTestId("sha256")).toHaveText(old);
  await page.getByText("Verify the download").first().click();
  await expect(page.getByTestId("verify-recipe").first()).toContainText("openssl pkeyutl -verify");
  await shoot(page, "release");

  // A URL signed when the page was opened, clicked after its lifetime: a page that says so and
  // starts the download again with a fresh signature.
  const expired = signedUrl(
    await artifactId("2.0.0"),
    await customerId("globex"),
    Math.floor(Date.now() / 1000) - 60,
  );
  await page.goto(expired);
  await expect(page.getByText("This download link has expired")).toBeVisible();
  await shoot(page, "refused");
  const again = await downloadSha(page, () =>
    page.getByRole("link", { name: "Start the download again" }).click(),
  );
  expect(again).toBe(sha);

  await page.goto("/portal");
  await page.getByRole("link", { name: /TG-…-/ }).first().click();
  await expect(page.getByRole("heading", { name: "License" })).toBeVisible();
  await shoot(page, "license");
  for (const [href, name] of [
    ["/portal/machines", "machines"],
    ["/portal/team", "team"],
    ["/portal/activity", "activity"],
  ] as const) {
    await page.goto(href);
    await shoot(page, name);
  }
  await page.goto("/admin");
  await page.waitForURL((url) => url.pathname === "/forbidden");
});

function pinnedKey(): string {
  const pem = process.env.RELEASE_SIGNING_KEY;
  if (!pem) throw new Error("RELEASE_SIGNING_KEY is not set: run through `npm test -- e2e`");
  const jwk = createPublicKey(pem).export({ format: "jwk" });
  return Buffer.from(jwk.x ?? "", "base64url").toString("base64");
}

function runAgent(
  dir: string,
  clientId: string,
  secret: string,
): Promise<{ code: number | null; out: string }> {
  const args = [
    path.resolve("agent/cli.ts"),
    "update",
    "--dir",
    dir,
    "--server",
    BASE,
    "--client-id",
    clientId,
    "--public-key",
    pinnedKey(),
    "--product",
    "acme-server",
    "--platform",
    "linux",
    "--arch",
    "x64",
    "--machine-id",
    `e2e-portal-${randomBytes(4).toString("hex")}`,
    "--json",
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(path.resolve("node_modules/.bin/tsx"), args, {
      env: {
        NODE_ENV: "production",
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? tmpdir(),
        TOLLGATE_CLIENT_SECRET: secret,
        // Through the edge the agent verifies its TLS certificate against the local CA.
        ...(process.env.NODE_EXTRA_CA_CERTS
          ? { NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS }
          : {}),
      },
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

test("ops@globex.test creates an agent credential that the reference agent updates a directory with", async ({
  page,
}) => {
  await signInAsCustomer(page, "ops@globex.test");
  await page.goto("/portal/agents");
  await page.getByRole("button", { name: "New update agent" }).click();
  await page.getByLabel("Name").fill("e2e web servers");
  await page.getByRole("button", { name: "Create credential" }).click();
  const dialog = page.getByRole("dialog", { name: /Credential for e2e web servers/ });
  const secret = (await dialog.getByTestId("secret-value").textContent())?.trim() ?? "";
  const clientId = (await dialog.locator("code").first().textContent())?.trim() ?? "";
  expect(clientId).toMatch(/^tgc_/);
  expect(secret.length).toBeGreaterThan(20);
  await shoot(page, "agent-secret");
  await dialog.getByRole("button", { name: "I have saved it" }).click();

  const dir = mkdtempSync(path.join(tmpdir(), "tollgate-e2e-portal-agent-"));
  await mkdir(path.join(dir, "releases", "1.0.0"), { recursive: true });
  await writeFile(path.join(dir, "releases", "1.0.0", "VERSION"), "1.0.0\n");
  await symlink(path.join("releases", "1.0.0"), path.join(dir, "current"));
  const result = await runAgent(dir, clientId, secret);
  expect(result.code, result.out).toBe(0);
  expect(await readlink(path.join(dir, "current"))).toBe(path.join("releases", "2.0.0"));

  await page.reload();
  const agentRow = page.getByRole("row", { name: /e2e web servers/ });
  // exact: a license key hint in the same row may contain a "1".
  await expect(agentRow.getByRole("link", { name: "1", exact: true })).toBeVisible();
  await shoot(page, "agents");
});

test("ops@initech.test is told the license expired and cannot use Globex's links", async ({
  page,
}) => {
  await signInAsCustomer(page, "ops@initech.test");
  await expect(page.getByTestId("license-notices")).toContainText(/expired on/);
  await page.getByRole("link", { name: "Downloads", exact: true }).click();
  await expect(page.getByText("Your license has expired")).toBeVisible();
  await shoot(page, "initech-downloads");

  const artifact = await artifactId("2.0.0");
  await page.goto(`/portal/downloads/${artifact}`);
  await expect(page.getByText("Your license has expired")).toBeVisible();
  const globexUrl = signedUrl(
    artifact,
    await customerId("globex"),
    Math.floor(Date.now() / 1000) + 300,
  );
  await page.goto(globexUrl);
  await expect(page.getByText("This link belongs to another organisation")).toBeVisible();
  await shoot(page, "initech-refused");
  await page.goto("/admin/customers");
  await page.waitForURL((url) => url.pathname === "/forbidden");
});
