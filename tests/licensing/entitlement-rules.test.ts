// Every entitlement rule against real data: licenses made and changed through the operations,
// then checked the way the update API checks them (checkLicenseAccess, recordMachineCheckIn).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { checkLicenseAccess, type LicenseAccessQuery } from "@/lib/licensing/check-license-access";
import { recordMachineCheckIn, type MachineCheckIn } from "@/lib/licensing/record-machine-check-in";
import { reinstateLicense } from "@/lib/licensing/reinstate-license";
import { revokeLicense } from "@/lib/licensing/revoke-license";
import { suspendLicense } from "@/lib/licensing/suspend-license";
import { updateLicense } from "@/lib/licensing/update-license";
import { admin, makeLicense, makeProduct, thrown } from "./factories";

const DAY = 86_400_000;

async function access(
  licenseId: string,
  productId: string,
  over: Partial<LicenseAccessQuery> = {},
) {
  const { access: result } = await checkLicenseAccess(db(), {
    licenseId,
    product: { id: productId },
    channel: "stable",
    platform: "linux",
    arch: "x64",
    ...over,
  });
  return result;
}

describe("entitlement rules against the database", () => {
  it("grants an active, current license its product, channel and platform (by id or slug)", async () => {
    const { license, product } = await makeLicense();
    expect(await access(license.id, product.id)).toEqual({ ok: true, publishedBefore: null });
    const bySlug = await checkLicenseAccess(db(), {
      licenseId: license.id,
      product: { slug: product.slug },
      channel: "stable",
      platform: "linux",
      arch: "x64",
    });
    expect(bySlug.access.ok).toBe(true);
    expect(bySlug.license).toMatchObject({ id: license.id, status: "ACTIVE", maxMachines: null });
  });

  it("expiry: access stops at the expiry instant", async () => {
    const expiresAt = new Date(Date.now() + 10 * DAY);
    const { license, product } = await makeLicense({ expiresAt });
    expect(
      (await access(license.id, product.id, { now: new Date(expiresAt.getTime() - 1) })).ok,
    ).toBe(true);
    expect(await access(license.id, product.id, { now: expiresAt })).toEqual({
      ok: false,
      reason: "license_expired",
    });
    const { license: old, product: p2 } = await makeLicense({
      expiresAt: new Date(Date.now() - DAY),
    });
    expect(await access(old.id, p2.id)).toEqual({ ok: false, reason: "license_expired" });
  });

  it("maintenance window: after expiry only releases published before the expiry", async () => {
    const expiresAt = new Date(Date.now() - 3 * DAY);
    const { license, product } = await makeLicense({ expiresAt, expiryBehavior: "MAINTENANCE" });
    expect(await access(license.id, product.id)).toEqual({ ok: true, publishedBefore: expiresAt });
    // Renewal ends the maintenance period.
    await updateLicense({
      actor: admin(),
      input: { licenseId: license.id, expiresAt: new Date(Date.now() + DAY) },
    });
    expect(await access(license.id, product.id)).toEqual({ ok: true, publishedBefore: null });
  });

  it("channel: only the channels the entitlement names", async () => {
    const { license, product } = await makeLicense();
    expect(await access(license.id, product.id, { channel: "beta" })).toEqual({
      ok: false,
      reason: "channel_not_entitled",
    });
  });

  it("platform: only the listed os/arch pairs, every platform when none is listed", async () => {
    const { license, product } = await makeLicense();
    expect(await access(license.id, product.id, { platform: "windows", arch: "x64" })).toEqual({
      ok: false,
      reason: "platform_not_entitled",
    });
    expect(await access(license.id, product.id, { platform: "linux", arch: "arm64" })).toEqual({
      ok: false,
      reason: "platform_not_entitled",
    });
    await updateLicense({
      actor: admin(),
      input: {
        licenseId: license.id,
        entitlements: [{ productId: product.id, channels: ["stable"], platforms: [] }],
      },
    });
    expect((await access(license.id, product.id, { platform: "windows", arch: "x64" })).ok).toBe(
      true,
    );
  });

  it("product: a product the license is not entitled to", async () => {
    const { license } = await makeLicense();
    const other = await makeProduct();
    expect(await access(license.id, other.id)).toEqual({
      ok: false,
      reason: "product_not_entitled",
    });
  });

  it("suspension and revocation take effect at the agent's next request", async () => {
    const { license, product } = await makeLicense();
    expect((await access(license.id, product.id)).ok).toBe(true);
    await suspendLicense({ actor: admin(), input: { licenseId: license.id } });
    expect(await access(license.id, product.id)).toEqual({
      ok: false,
      reason: "license_suspended",
    });
    await reinstateLicense({ actor: admin(), input: { licenseId: license.id } });
    expect((await access(license.id, product.id)).ok).toBe(true);
    await revokeLicense({ actor: admin(), input: { licenseId: license.id } });
    expect(await access(license.id, product.id)).toEqual({ ok: false, reason: "license_revoked" });
  });

  it("answers 404 for a license that does not exist", async () => {
    const product = await makeProduct();
    expect(await thrown(() => access("lic_missing", product.id))).toMatchObject({
      code: "not_found",
    });
  });
});

describe("machine limit", () => {
  const checkIn = (
    licenseId: string,
    machineId: string,
    maxMachines: number | null,
    over: Partial<MachineCheckIn> = {},
  ) =>
    db().$transaction((tx) =>
      recordMachineCheckIn(tx, {
        licenseId,
        apiClientId: null,
        machineId,
        hostname: `${machineId}.local`,
        ip: "198.51.100.7",
        versions: [],
        maxMachines,
        now: new Date(),
        ...over,
      }),
    );

  it("admits new machines up to the limit; a known machine always passes and is refreshed", async () => {
    const { license } = await makeLicense({ maxMachines: 2 });
    const a = await checkIn(license.id, "a", 2);
    expect(a).toMatchObject({ ok: true, created: true });
    expect(await checkIn(license.id, "b", 2)).toMatchObject({ ok: true, created: true });
    expect(await checkIn(license.id, "c", 2)).toEqual({
      ok: false,
      reason: "machine_limit_reached",
    });

    const later = new Date(Date.now() + 60_000);
    const again = await checkIn(license.id, "a", 2, {
      now: later,
      hostname: "renamed",
      ip: "198.51.100.8",
      versions: [{ product: "p", version: "2.0.0" }],
    });
    expect(again).toEqual({ ok: true, machineId: a.ok ? a.machineId : "", created: false });
    const row = await db().machine.findFirstOrThrow({
      where: { licenseId: license.id, machineId: "a" },
    });
    expect(row).toMatchObject({
      hostname: "renamed",
      lastIp: "198.51.100.8",
      lastSeenAt: later,
      versions: [{ version: "2.0.0" }],
    });
    expect(await db().machine.count({ where: { licenseId: license.id } })).toBe(2);

    // Lowering the limit below the fleet keeps running machines, admits no new one.
    expect(await checkIn(license.id, "b", 1)).toMatchObject({ ok: true });
    expect(await checkIn(license.id, "d", 1)).toEqual({
      ok: false,
      reason: "machine_limit_reached",
    });
  });

  it("has no limit when maxMachines is null", async () => {
    const { license } = await makeLicense();
    for (const m of ["1", "2", "3", "4", "5"])
      expect((await checkIn(license.id, m, null)).ok).toBe(true);
  });

  it("lets exactly one of several machines racing for the last seat in", async () => {
    for (let round = 0; round < 3; round += 1) {
      const { license } = await makeLicense({ maxMachines: 1 });
      const racers = Array.from({ length: 8 }, (_, i) => `r${i}`);
      const results = await Promise.all(racers.map((m) => checkIn(license.id, m, 1)));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(await db().machine.count({ where: { licenseId: license.id } })).toBe(1);
    }
  });

  it("registers the same new machine once when it checks in twice at the same moment", async () => {
    const { license } = await makeLicense({ maxMachines: 3 });
    const results = await Promise.all([
      checkIn(license.id, "twin", 3),
      checkIn(license.id, "twin", 3),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && r.created)).toHaveLength(1);
    expect(await db().machine.count({ where: { licenseId: license.id } })).toBe(1);
  });
});
