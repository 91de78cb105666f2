// The fleet view: machines by state (up to date, behind, failed, rolled back, not seen) from
// their check-ins and reports, rollout progress per phase with the top error codes, time to
// install; and the customer portal's own machines with the same states, for its tenant only.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { listCustomerMachines } from "@/lib/portal/list-customer-machines";
import { listPortalDownloads } from "@/lib/portal/list-portal-downloads";
import { getFleet } from "@/lib/rollouts/get-fleet";
import { staffActor } from "../authz/factories";
import { createCustomerUser } from "../identity/factories";
import { rolloutWorld, withoutUpdateLimits } from "./factories";

withoutUpdateLimits();

describe("fleet view", { timeout: 120_000 }, () => {
  it("counts machines by state and shows the rollout's failures per phase", async () => {
    const w = await rolloutWorld(
      {
        phases: [
          { percentage: 50, minSoakMinutes: 0, errorThreshold: 90, minReports: 100 },
          { percentage: 100 },
        ],
      },
      24,
    );
    const cohort = await w.offered(w.fleet);
    expect(cohort.length).toBeGreaterThanOrEqual(3);
    const [ok = "", broken = "", back = ""] = cohort;
    await w.reportAs(ok, [{ event: "installed", durationMs: 4000 }]);
    await w.check(ok, "2.0.0");
    await w.reportAs(broken, [{ event: "failed", error: { code: "checksum_mismatch" } }]);
    await w.reportAs(back, [
      { event: "failed", error: { code: "health_check_failed" } },
      { event: "rolled_back", previousVersion: "1.0.0" },
    ]);
    const stale = w.fleet.find((m) => !cohort.includes(m)) ?? "";
    await db().machine.updateMany({
      where: { licenseId: w.license.id, machineId: stale },
      data: { lastSeenAt: new Date(Date.now() - 30 * 86_400_000) },
    });
    const fleet = await getFleet({
      actor: await staffActor({ roles: ["release_manager"] }),
      input: { product: w.product.slug },
    });
    const stateOf = (id: string) => fleet.machines.find((m) => m.machineId === id)?.state;
    expect(stateOf(ok)).toBe("up_to_date");
    expect(stateOf(broken)).toBe("failed");
    expect(stateOf(back)).toBe("rolled_back");
    expect(stateOf(stale)).toBe("not_seen");
    // The rollout is not complete, so 1.0.0 is still the generally available version.
    expect(fleet.byState).toMatchObject({ failed: 1, rolled_back: 1, not_seen: 1 });
    expect(fleet.byState.up_to_date).toBe(w.fleet.length - 3);
    expect(fleet.byVersion).toEqual([
      { version: "2.0.0", machines: 1 },
      { version: "1.0.0", machines: w.fleet.length - 1 },
    ]);
    const [progress] = fleet.rollouts;
    expect(progress?.phases[0]).toMatchObject({
      status: "current",
      reported: 3,
      installed: 1,
      failed: 2,
      topErrors: expect.arrayContaining([
        { code: "checksum_mismatch", machines: 1 },
        { code: "health_check_failed", machines: 1 },
      ]),
    });
    expect(fleet.releases.find((r) => r.version === "2.0.0")?.medianInstallMs).toBe(4000);
    expect(fleet.byCustomer).toEqual([
      expect.objectContaining({ id: w.customer.id, states: fleet.byState }),
    ]);
  });

  it("needs releases:read and customers:read", async () => {
    const w = await rolloutWorld({ phases: [{ percentage: 100 }] }, 1);
    await expect(
      getFleet({
        actor: await staffActor({ roles: ["auditor"] }),
        input: { product: w.product.slug },
      }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("shows a customer its own machines' failures and rollbacks, and no one else's", async () => {
    const w = await rolloutWorld({ phases: [{ percentage: 100, minReports: 100 }] }, 3);
    const [a = "", b = ""] = w.fleet;
    await w.offered(w.fleet);
    await w.reportAs(a, [{ event: "failed", error: { code: "checksum_mismatch" } }]);
    await w.reportAs(b, [{ event: "rolled_back", previousVersion: "1.0.0" }]);
    const user = await createCustomerUser({ member: false });
    const actor = {
      type: "USER" as const,
      kind: "CUSTOMER" as const,
      userId: user.id,
      email: user.email,
      sessionId: null,
      customerId: w.customer.id,
      membershipRole: "ADMIN" as const,
      roles: [],
      permissions: new Set<never>(),
    };
    const machines = await listCustomerMachines(actor, await listPortalDownloads(actor));
    const state = (id: string) => machines.find((m) => m.machineId === id)?.reported[0];
    expect(state(a)).toMatchObject({
      state: "failed",
      problem: { version: "2.0.0", errorCode: "checksum_mismatch" },
    });
    expect(state(b)).toMatchObject({ state: "rolled_back", problem: { version: "2.0.0" } });
    const other = await rolloutWorld({ phases: [{ percentage: 100 }] }, 1);
    await other.offered(other.fleet);
    const theirs = await listCustomerMachines(
      { ...actor, customerId: other.customer.id },
      await listPortalDownloads({ ...actor, customerId: other.customer.id }),
    );
    expect(theirs.map((m) => m.machineId)).toEqual(other.fleet);
  });
});
