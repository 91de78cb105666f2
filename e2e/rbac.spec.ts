// Role administration and its anti-escalation rules, end to end: a release manager cannot open
// role administration; an administrator with a permission boundary sees what they cannot grant
// disabled, with the reason, and is refused (and audited) when the form is tampered with to post
// the permission to the server action anyway.
//
// The bounded administrator is support@vendor.test (a real user of the dev IdP), given the
// security_admin role and a boundary without releases:publish for this spec only.
import { expect, test } from "@playwright/test";
import { ALL_PERMISSIONS } from "../lib/authz/permissions";
import { expectAuditEvent, query, userIdOf } from "./fixtures/db";
import { signInAsStaff } from "./fixtures/sign-in";
import { rememberCredential } from "./fixtures/webauthn";

const ADMIN = "admin@vendor.test";
const RELEASE_MANAGER = "release@vendor.test";
const BOUNDED = "support@vendor.test";
const BOUNDARY = `e2e no publishing ${Date.now().toString(36)}`;

test.describe.configure({ mode: "serial" });

test("a release manager cannot open role administration, and the attempt is audited", async ({
  page,
}) => {
  const since = new Date();
  await signInAsStaff(page, RELEASE_MANAGER, { next: "/admin/products" });
  await expect(page.getByRole("link", { name: "Roles", exact: true })).toHaveCount(0);

  await page.goto("/admin/roles");
  await expect(page).toHaveURL(/\/forbidden\?reason=permission&permission=roles%3Aread/);
  await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
  await expect(page.locator("main")).toContainText("You do not have access to this page");
  await expect(page.locator("main")).toContainText("Required permission: roles:read");
  const denied = await expectAuditEvent({
    action: "access.denied",
    since,
    actorLabel: RELEASE_MANAGER,
  });
  expect(denied.result).toBe("DENIED");
  expect(denied.targetId).toBe("/admin/roles");
  expect(denied.reason).toContain("roles:read");

  await page.goto("/admin/roles/new");
  await expect(page).toHaveURL(/\/forbidden\?reason=permission&permission=roles%3Awrite/);
});

test.describe("an administrator with a boundary", () => {
  let userId = "";
  let boundaryId = "";

  test.beforeAll(async () => {
    userId = await userIdOf(BOUNDED);
    const [boundary] = await query<{ id: string }>(
      `INSERT INTO "PermissionBoundary" (name, description, permissions, "updatedAt")
       VALUES ($1, 'e2e: everything but publishing', $2, now()) RETURNING id`,
      [BOUNDARY, ALL_PERMISSIONS.filter((p) => p !== "releases:publish")],
    );
    boundaryId = boundary?.id ?? "";
    await query(
      `INSERT INTO "RoleAssignment" ("userId", "roleId")
       SELECT $1, id FROM "Role" WHERE key = 'security_admin'`,
      [userId],
    );
    await query(`UPDATE "User" SET "boundaryId" = $2 WHERE id = $1`, [userId, boundaryId]);
  });

  test.afterAll(async () => {
    await query(
      `DELETE FROM "RoleAssignment" WHERE "userId" = $1
         AND "roleId" = (SELECT id FROM "Role" WHERE key = 'security_admin')`,
      [userId],
    );
    await query(`UPDATE "User" SET "boundaryId" = NULL WHERE id = $1`, [userId]);
    await query(`DELETE FROM "PermissionBoundary" WHERE id = $1`, [boundaryId]);
  });

  test("sees the permission outside the boundary disabled with the reason, and a tampered post is refused and audited", async ({
    page,
  }) => {
    const auth = await signInAsStaff(page, BOUNDED, { next: "/admin/roles/new" });
    const publish = page.getByTestId("permission-releases:publish");
    await expect(publish).toBeDisabled();
    await expect(page.getByTestId("permission-reason-releases:publish")).toHaveText(
      "You do not hold this permission, so you cannot grant it.",
    );
    await expect(page.getByTestId("permission-releases:read")).toBeEnabled();
    await page.screenshot({ path: "/tmp/shot-rbac-role-form.png", fullPage: true }); // SHOT

    // Through the UI the box cannot be ticked; undo that in the page and submit: the server
    // action receives releases:publish, exactly as a hand-crafted post would send it.
    const key = `e2e_publisher_${Date.now().toString(36)}`;
    const since = new Date();
    await page.getByLabel("Key", { exact: true }).fill(key);
    await page.getByLabel("Name", { exact: true }).fill("E2E publisher");
    await page.getByTestId("permission-releases:read").check();
    await publish.evaluate((el) => el.removeAttribute("disabled"));
    await publish.check({ force: true });
    await page.getByRole("button", { name: "Create role" }).click();

    const reason =
      "You cannot put releases:publish, which you do not hold into a role: a role can only contain permissions you hold.";
    await expect(page.getByTestId("role-form-error")).toHaveText(reason, { timeout: 20_000 });
    await rememberCredential(auth, BOUNDED);
    const denied = await expectAuditEvent({ action: "access.denied", since, actorLabel: BOUNDED });
    expect(denied.reason).toBe(reason);
    expect(await query(`SELECT id FROM "Role" WHERE key = $1`, [key])).toHaveLength(0);

    // Within the boundary the same form works.
    await publish.uncheck({ force: true });
    await page.getByRole("button", { name: "Create role" }).click();
    await page.waitForURL(/\/admin\/roles\/rol_/, { timeout: 20_000 });
    await expect(page.getByRole("heading", { name: "E2E publisher" })).toBeVisible();
    await expectAuditEvent({ action: "roles.created", since, actorLabel: BOUNDED });
  });

  test("the users pages show roles, the boundary and what it removes", async ({ page }) => {
    await signInAsStaff(page, ADMIN, { next: "/admin/users" });
    const users = page.getByRole("table", { name: "Staff users" });
    const row = users.locator("tbody tr", { hasText: BOUNDED });
    await expect(row).toContainText("security_admin");
    await expect(row).toContainText(BOUNDARY);
    await page.screenshot({ path: "/tmp/shot-rbac-users.png", fullPage: true }); // SHOT

    await row.getByRole("link", { name: BOUNDED }).click();
    const effective = page.getByRole("table", { name: "Effective permissions" });
    const publishRow = effective.locator("tbody tr", { hasText: "releases:publish" });
    await expect(publishRow).toContainText("security_admin");
    await expect(publishRow).toContainText(`removed by the boundary ${BOUNDARY}`);
    await page.screenshot({ path: "/tmp/shot-rbac-user.png", fullPage: true }); // SHOT

    await page.goto("/admin/roles");
    const roles = page.getByRole("table", { name: "Roles" });
    await expect(roles.locator("tbody tr", { hasText: "security_admin" })).toContainText(
      "built-in",
    );
    await page.screenshot({ path: "/tmp/shot-rbac-roles.png", fullPage: true }); // SHOT
  });
});
