import { describe, expect, it } from "vitest";
import { listPortalDownloads } from "@/lib/portal/list-portal-downloads";
import { loadCustomerOverview } from "@/lib/portal/load-customer-overview";
import { makeLicense, makeProduct, release } from "../updates/factories";
import { portalUser, portalWorld } from "./factories";

const DAY = 86_400_000;

describe("customer portal overview and downloads", () => {
  it("lists only the customer's own licenses, with status, expiry and entitlements", async () => {
    const world = await portalWorld();
    const overview = await loadCustomerOverview(world.mine.admin);
    expect(overview.licenses.map((l) => l.id)).toEqual([world.mine.license.id]);
    expect(overview.licenses[0]).toMatchObject({
      effectiveStatus: "active",
      maintenanceEndsAt: null,
      notice: null,
      products: [{ productId: world.product.id, channels: ["stable"], platforms: [] }],
    });
  });

  it("lists every entitled release newest first per channel, the newest per platform, and no beta", async () => {
    const world = await portalWorld();
    const [track, ...rest] = await listPortalDownloads(world.mine.admin);
    expect(rest).toEqual([]);
    expect(track?.channel).toBe("stable");
    expect(track?.releases.map((r) => r.version)).toEqual(["2.0.0", "1.1.0", "1.0.0"]);
    expect(track?.latest.map((l) => `${l.platform}/${l.arch} ${l.version}`).sort()).toEqual([
      "linux/arm64 2.0.0",
      "linux/x64 2.0.0",
    ]);
    const theirs = await listPortalDownloads(world.theirs.admin);
    expect(theirs.map((t) => t.productId)).toEqual([world.other.product.id]);
  });

  it("offers nothing for an expired license, says why, and warns before expiry", async () => {
    const product = await makeProduct();
    await release(product.slug, "1.0.0");
    const expired = await makeLicense({
      productId: product.id,
      expiresAt: new Date(Date.now() - DAY),
    });
    const user = await portalUser(expired.customer.id);
    const [track] = await listPortalDownloads(user);
    expect(track?.releases).toEqual([]);
    expect(track?.blocked).toBe("license_expired");
    const overview = await loadCustomerOverview(user);
    expect(overview.licenses[0]?.notice).toMatchObject({ tone: "error" });
    expect(overview.licenses[0]?.notice?.title).toMatch(/expired on/);

    const soon = await makeLicense({
      productId: product.id,
      expiresAt: new Date(Date.now() + 10 * DAY),
    });
    const warned = await loadCustomerOverview(await portalUser(soon.customer.id));
    expect(warned.licenses[0]?.notice).toMatchObject({ tone: "warning" });
    expect(warned.licenses[0]?.notice?.title).toMatch(/expires in 10 days/);
  });

  it("keeps only what was published before expiry for a maintenance license", async () => {
    const product = await makeProduct();
    await release(product.slug, "1.0.0", { publishedAt: new Date(Date.now() - 10 * DAY) });
    await release(product.slug, "1.1.0");
    const license = await makeLicense({
      productId: product.id,
      expiresAt: new Date(Date.now() - 5 * DAY),
      expiryBehavior: "MAINTENANCE",
    });
    const [track] = await listPortalDownloads(await portalUser(license.customer.id));
    expect(track?.releases.map((r) => r.version)).toEqual(["1.0.0"]);
  });
});
