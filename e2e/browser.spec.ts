import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { expect, test } from "@playwright/test";

// scripts/lib/browser.ts picks the browser; .ci/run runs this spec once with
// E2E_BROWSER=bundled, so a machine without Debian's chromium is proven to pass too.
function bundledChromiumMajor(): string {
  const entry = createRequire(import.meta.url).resolve("@sparticuz/chromium");
  const pkg = path.join(path.dirname(entry), "..", "package.json");
  const { version } = JSON.parse(readFileSync(pkg, "utf8")) as { version: string };
  return version.slice(0, version.indexOf("."));
}

test("the end-to-end tests drive the Chromium the test runner chose", async ({ browser, page }) => {
  if (process.env.E2E_BROWSER === "bundled") {
    expect(process.env.CHROMIUM_PATH).toContain(path.join(".test-data", "chromium"));
    expect(browser.version().slice(0, browser.version().indexOf("."))).toBe(bundledChromiumMajor());
  } else {
    expect(process.env.CHROMIUM_PATH).toBeTruthy();
  }
  await page.goto("/signin");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});
