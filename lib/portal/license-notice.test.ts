import { describe, expect, it } from "vitest";
import { licenseNotice } from "./license-notice";

const now = new Date("2030-06-01T12:00:00Z");
const DAY = 86_400_000;
const license = (days: number, over: Partial<Parameters<typeof licenseNotice>[0]> = {}) => ({
  status: "ACTIVE" as const,
  expiresAt: new Date(now.getTime() + days * DAY),
  expiryBehavior: "ACCESS_STOPS" as const,
  keyHint: "ABCDE",
  ...over,
});

describe("license notices", () => {
  it.each([
    [31, null],
    [30, "warning"],
    [1, "warning"],
    [-1, "error"],
  ])("%i days to expiry → %s", (days, tone) => {
    expect(licenseNotice(license(days), now)?.tone ?? null).toBe(tone);
  });

  it("says what to do in every case", () => {
    expect(licenseNotice(license(10), now)?.title).toBe(
      "License TG-…-ABCDE expires in 10 days (2030-06-11)",
    );
    expect(licenseNotice(license(-3), now)?.body).toMatch(/Contact your vendor to renew/);
    expect(licenseNotice(license(-3, { expiryBehavior: "MAINTENANCE" }), now)).toMatchObject({
      tone: "warning",
      body: expect.stringMatching(/published before that day/),
    });
    expect(licenseNotice(license(100, { status: "SUSPENDED" }), now)?.title).toMatch(/suspended/);
    expect(licenseNotice(license(-100, { status: "REVOKED" }), now)?.title).toMatch(/revoked/);
  });
});
