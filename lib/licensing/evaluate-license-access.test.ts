import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  evaluateLicenseAccess,
  isPlatformEntitled,
  type LicenseAccess,
  type LicenseAccessInput,
} from "./evaluate-license-access";

const now = new Date("2026-06-01T12:00:00Z");
const future = new Date("2027-01-01T00:00:00Z");
const past = new Date("2026-01-01T00:00:00Z");

const base: LicenseAccessInput = {
  license: { status: "ACTIVE", expiresAt: future, expiryBehavior: "ACCESS_STOPS" },
  entitlement: { channels: ["stable"], platforms: ["linux/x64", "linux/arm64"] },
  channel: "stable",
  platform: "linux",
  arch: "x64",
  now,
};

type Case = [string, Partial<LicenseAccessInput>, LicenseAccess];

const cases: Case[] = [
  ["an active, current, entitled request", {}, { ok: true, publishedBefore: null }],
  [
    "a suspended license",
    { license: { ...base.license, status: "SUSPENDED" } },
    { ok: false, reason: "license_suspended" },
  ],
  [
    "a revoked license",
    { license: { ...base.license, status: "REVOKED" } },
    { ok: false, reason: "license_revoked" },
  ],
  [
    "a revoked license that has also expired (status wins)",
    { license: { status: "REVOKED", expiresAt: past, expiryBehavior: "MAINTENANCE" } },
    { ok: false, reason: "license_revoked" },
  ],
  [
    "a suspended license in maintenance (status wins)",
    { license: { status: "SUSPENDED", expiresAt: past, expiryBehavior: "MAINTENANCE" } },
    { ok: false, reason: "license_suspended" },
  ],
  [
    "an expired license whose access stops",
    { license: { ...base.license, expiresAt: past } },
    { ok: false, reason: "license_expired" },
  ],
  [
    "expiry at exactly now (the expiry instant is no longer covered)",
    { license: { ...base.license, expiresAt: now } },
    { ok: false, reason: "license_expired" },
  ],
  [
    "one millisecond before expiry",
    { license: { ...base.license, expiresAt: new Date(now.getTime() + 1) } },
    { ok: true, publishedBefore: null },
  ],
  [
    "an expired license in maintenance: only releases published before expiry",
    { license: { ...base.license, expiresAt: past, expiryBehavior: "MAINTENANCE" } },
    { ok: true, publishedBefore: past },
  ],
  [
    "a current license with maintenance behaviour: no cut-off yet",
    { license: { ...base.license, expiryBehavior: "MAINTENANCE" } },
    { ok: true, publishedBefore: null },
  ],
  [
    "an expired (access stops) license for an unentitled product: expiry reported first",
    { license: { ...base.license, expiresAt: past }, entitlement: null },
    { ok: false, reason: "license_expired" },
  ],
  [
    "a product the license has no entitlement for",
    { entitlement: null },
    { ok: false, reason: "product_not_entitled" },
  ],
  ["a channel not entitled", { channel: "beta" }, { ok: false, reason: "channel_not_entitled" }],
  [
    "an entitlement with no channels at all",
    { entitlement: { channels: [], platforms: [] } },
    { ok: false, reason: "channel_not_entitled" },
  ],
  [
    "a platform not entitled",
    { platform: "windows", arch: "x64" },
    { ok: false, reason: "platform_not_entitled" },
  ],
  [
    "an arch not entitled",
    { platform: "linux", arch: "riscv64" },
    { ok: false, reason: "platform_not_entitled" },
  ],
  [
    "another entitled platform",
    { platform: "linux", arch: "arm64" },
    { ok: true, publishedBefore: null },
  ],
  [
    "half a platform against a restricted list",
    { platform: "linux", arch: null },
    { ok: false, reason: "platform_not_entitled" },
  ],
  [
    "any platform when the entitlement lists none",
    { entitlement: { channels: ["stable"], platforms: [] }, platform: "windows", arch: "x64" },
    { ok: true, publishedBefore: null },
  ],
  [
    "no platform asked (listing), restricted entitlement",
    { platform: null, arch: null },
    { ok: true, publishedBefore: null },
  ],
  [
    "maintenance still checks the channel",
    {
      license: { ...base.license, expiresAt: past, expiryBehavior: "MAINTENANCE" },
      channel: "beta",
    },
    { ok: false, reason: "channel_not_entitled" },
  ],
  [
    "maintenance still checks the platform",
    {
      license: { ...base.license, expiresAt: past, expiryBehavior: "MAINTENANCE" },
      platform: "darwin",
      arch: "arm64",
    },
    { ok: false, reason: "platform_not_entitled" },
  ],
];

describe("evaluateLicenseAccess", () => {
  it.each(cases)("%s", (_name, override, expected) => {
    expect(evaluateLicenseAccess({ ...base, ...override })).toEqual(expected);
  });

  const status = fc.constantFrom("ACTIVE", "SUSPENDED", "REVOKED" as const);
  const behavior = fc.constantFrom("ACCESS_STOPS", "MAINTENANCE" as const);
  const date = fc.date({
    min: new Date("2020-01-01"),
    max: new Date("2030-01-01"),
    noInvalidDate: true,
  });
  const name = fc.constantFrom("stable", "beta", "lts", "linux", "x64", "arm64", "windows");
  const input = fc.record({
    license: fc.record({ status, expiresAt: date, expiryBehavior: behavior }),
    entitlement: fc.option(
      fc.record({
        channels: fc.array(name, { maxLength: 3 }),
        platforms: fc.array(
          name.map((n) => `linux/${n}`),
          { maxLength: 3 },
        ),
      }),
      { nil: null },
    ),
    channel: name,
    platform: fc.option(fc.constantFrom("linux", "windows"), { nil: null }),
    arch: fc.option(fc.constantFrom("x64", "arm64"), { nil: null }),
    now: date,
  });

  it("never grants a revoked or suspended license", () => {
    fc.assert(
      fc.property(input, (i) => {
        if (i.license.status === "ACTIVE") return;
        expect(evaluateLicenseAccess(i).ok).toBe(false);
      }),
    );
  });

  it("grants only channels and platforms the entitlement names, and cuts off at expiry", () => {
    fc.assert(
      fc.property(input, (i) => {
        const result = evaluateLicenseAccess(i);
        if (!result.ok) return;
        expect(i.license.status).toBe("ACTIVE");
        expect(i.entitlement?.channels).toContain(i.channel);
        if (i.entitlement?.platforms.length && (i.platform || i.arch)) {
          expect(i.entitlement.platforms).toContain(`${i.platform}/${i.arch}`);
        }
        const expired = i.now >= i.license.expiresAt;
        expect(result.publishedBefore).toEqual(expired ? i.license.expiresAt : null);
        if (expired) expect(i.license.expiryBehavior).toBe("MAINTENANCE");
      }),
    );
  });
});

describe("isPlatformEntitled", () => {
  it("matches os/arch pairs exactly, and everything when the list is empty", () => {
    expect(isPlatformEntitled({ platforms: ["linux/x64"] }, "linux", "x64")).toBe(true);
    expect(isPlatformEntitled({ platforms: ["linux/x64"] }, "linux", "arm64")).toBe(false);
    expect(isPlatformEntitled({ platforms: ["linux/x64"] }, "Linux", "x64")).toBe(false);
    expect(isPlatformEntitled({ platforms: [] }, "windows", "x64")).toBe(true);
  });
});
