// The dashboard's figures: versions in the field come from the machines' last check-ins, per
// product and version; licenses expiring within 30 days are listed; update checks are counted
// per day from the trail.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { loadActivity } from "@/lib/overview/load-activity";
import { makeLicense, uniq } from "../licensing/factories";

describe("dashboard activity", () => {
  it("counts versions per product, lists soon-expiring licenses and today's update checks", async () => {
    const product = uniq("fieldprod");
    const soon = await makeLicense({ expiresAt: new Date(Date.now() + 10 * 86_400_000) });
    for (const [i, version] of ["1.0.0", "2.0.0", "2.0.0"].entries()) {
      await db().machine.create({
        data: {
          licenseId: soon.license.id,
          machineId: `m-${i}-${randomUUID()}`,
          versions: [{ product, version, channel: "stable", platform: "linux", arch: "x64" }],
        },
      });
    }
    const before = await loadActivity();
    await recordAudit(db(), { action: "updates.checked", actor: systemActor("activity") });
    const after = await loadActivity();

    expect(after.versions.filter((v) => v.product === product)).toEqual([
      { product, version: "2.0.0", machines: 2 },
      { product, version: "1.0.0", machines: 1 },
    ]);
    expect(after.expiring.map((l) => l.id)).toContain(soon.license.id);
    const today = new Date().toISOString().slice(0, 10);
    const checks = (r: typeof before) => r.days.find((d) => d.day === today)?.updateChecks ?? 0;
    expect(checks(after)).toBeGreaterThan(checks(before));
    expect(after.days).toHaveLength(14);
  });
});
