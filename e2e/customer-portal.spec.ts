import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signInAsCustomer } from "./fixtures/sign-in";

test("a customer with an active license sees it and downloads the newest entitled release", async ({
  page,
}) => {
  await signInAsCustomer(page, "ops@globex.test");
  await expect(page.getByRole("heading", { name: "Your licenses" })).toBeVisible();
  await expect(page.getByText("Globex Corporation")).toBeVisible();
  const downloads = page.getByRole("table", { name: "Downloads" });
  await expect(downloads.getByRole("cell", { name: "2.0.0 (stable)" }).first()).toBeVisible();
  await expect(downloads).not.toContainText("beta");

  const link = downloads.getByRole("link", { name: /acme-server-2\.0\.0-linux-x64/ });
  const href = await link.getAttribute("href");
  expect(href).toMatch(/\/api\/downloads\/art_[^?]+\?cust=/);
  const res = await page.request.get(href ?? "");
  expect(res.status()).toBe(200);
  const body = await res.body();
  expect(body.toString()).toContain("acme-server 2.0.0");
  const sha = createHash("sha256").update(body).digest("hex");
  await expect(downloads.getByText(sha)).toBeVisible();
});

test("a customer whose license expired is told so and offered nothing", async ({ page }) => {
  await signInAsCustomer(page, "ops@initech.test");
  await expect(page.getByText("expired")).toBeVisible();
  await expect(page.getByText("No downloads available")).toBeVisible();
});
