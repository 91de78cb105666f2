// A walk through the staff portal as each demo staff user, at desktop and phone widths: no page
// breaks the Content-Security-Policy (the console reports every violation), and at 390 px the
// navigation does not cover the page. UI_SHOTS=/some/dir keeps a screenshot of each page.
import { expect, test, type Page } from "@playwright/test";
import { signInAsStaff } from "./fixtures/sign-in";

const STAFF: Record<string, string[]> = {
  "admin@vendor.test": ["/admin", "/admin/users", "/admin/roles", "/admin/api-clients"],
  "release@vendor.test": ["/admin/products", "/admin/products/acme-server"],
  "support@vendor.test": ["/admin/customers", "/admin/licenses", "/admin/products"],
  "auditor@vendor.test": ["/admin"],
};

function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.UI_SHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

for (const [email, paths] of Object.entries(STAFF)) {
  test(`${email}: pages keep to the CSP at 1280 px and 390 px`, async ({ page }) => {
    const violations = cspViolations(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await signInAsStaff(page, email);
    for (const path of paths) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await shot(page, `${email.split("@")[0]}${path.replaceAll("/", "_")}-1280`);
    }
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of paths) {
      await page.goto(path);
      const heading = page.getByRole("heading", { level: 1 });
      await expect(heading).toBeVisible();
      // The page starts at the left edge: no sidebar beside it, the menu folded away.
      const box = await heading.boundingBox();
      expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
      expect(box?.x ?? 999).toBeLessThan(40);
      await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
      await shot(page, `${email.split("@")[0]}${path.replaceAll("/", "_")}-390`);
    }
    // The menu opens on demand and leads to the pages.
    const menu = page.getByTestId("mobile-nav");
    await menu.getByText("Menu").click();
    await expect(menu.getByRole("navigation", { name: "Main" })).toBeVisible();
    await menu.getByRole("link", { name: "Overview" }).click();
    await expect(page).toHaveURL(/\/admin$/);
    expect(violations).toEqual([]);
  });
}
