// Staff download an artifact from a release page (artifacts:read): the click is guarded like any
// staff request (network, SSO + MFA, permission), signs a short-lived URL for that staff user,
// and the download route serves the bytes (SHA-256 as the page shows it) and audits them as a
// staff download. The signed URL is useless without that user's session.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { expectAuditEvent, query } from "./fixtures/db";
import { signInAsStaff } from "./fixtures/sign-in";

const RELEASE_MANAGER = "release@vendor.test";

async function seededRelease(version: string): Promise<{ releaseId: string; artifactId: string }> {
  const [row] = await query<{ releaseId: string; artifactId: string }>(
    `SELECT r.id AS "releaseId", a.id AS "artifactId" FROM "Artifact" a
       JOIN "Release" r ON r.id = a."releaseId" JOIN "Product" p ON p.id = r."productId"
      WHERE p.slug = 'acme-server' AND r.version = $1 AND a.platform = 'linux' AND a.arch = 'x64'`,
    [version],
  );
  if (!row) throw new Error(`acme-server ${version} linux/x64 is not seeded`);
  return row;
}

test("a release manager downloads an artifact from the release page and gets its bytes", async ({
  page,
  browser,
}) => {
  const since = new Date();
  const { releaseId, artifactId } = await seededRelease("2.0.0");
  const releasePage = `/admin/products/acme-server/releases/${releaseId}`;
  await signInAsStaff(page, RELEASE_MANAGER, { next: releasePage });
  const [count] = await query<{ downloadCount: number }>(
    `SELECT "downloadCount" FROM "Artifact" WHERE id = $1`,
    [artifactId],
  );

  // The tab names the product as people know it, not its slug.
  await expect(page).toHaveTitle("Acme Server 2.0.0 · Tollgate");
  const shown = await page.getByTestId("sha256-linux-x64").textContent();
  const artifacts = page.getByRole("table", { name: "Artifacts" });
  const pending = page.waitForEvent("download");
  await artifacts.getByRole("link", { name: /^Download acme-server-2\.0\.0-linux-x64/ }).click();
  const download = await pending;
  const bytes = await readFile(await download.path());
  expect(createHash("sha256").update(bytes).digest("hex")).toBe(shown);
  expect(download.suggestedFilename()).toMatch(/^acme-server-2\.0\.0-linux-x64/);

  const served = await expectAuditEvent({
    action: "downloads.served",
    since,
    actorLabel: RELEASE_MANAGER,
    targetId: artifactId,
  });
  expect(served.metadata).toMatchObject({ holder: "staff", version: "2.0.0", complete: true });
  // The count is of customers' machines; staff are in the trail only.
  const [after] = await query<{ downloadCount: number }>(
    `SELECT "downloadCount" FROM "Artifact" WHERE id = $1`,
    [artifactId],
  );
  expect(after?.downloadCount).toBe(count?.downloadCount);

  // The URL the click was sent to, opened without the release manager's session, is refused.
  const signed = download.url();
  expect(signed).toMatch(/\/api\/downloads\/art_[0-9a-f]{32}\?staff=/);
  const stranger = await browser.newContext();
  const refused = await stranger.request.get(signed, { maxRedirects: 0 });
  expect(refused.status()).toBe(401);
  await stranger.close();
  await expectAuditEvent({ action: "downloads.refused", since, targetId: artifactId });
});

test("support, who may read releases but not artifacts, gets no Download link and a refused download", async ({
  page,
}) => {
  const since = new Date();
  const { releaseId, artifactId } = await seededRelease("1.1.0");
  await signInAsStaff(page, "support@vendor.test", {
    next: `/admin/products/acme-server/releases/${releaseId}`,
  });
  const artifacts = page.getByRole("table", { name: "Artifacts" });
  await expect(artifacts).toContainText("acme-server-1.1.0-linux-x64");
  await expect(artifacts.getByRole("link", { name: /^Download / })).toHaveCount(0);

  const res = await page.request.get(`/admin/artifacts/${artifactId}/download`, {
    maxRedirects: 0,
  });
  expect(res.status()).toBe(403);
  const denied = await expectAuditEvent({
    action: "access.denied",
    since,
    actorLabel: "support@vendor.test",
    targetId: "admin.artifacts.download",
  });
  expect(denied.reason).toMatch(/artifacts:read/);
});
