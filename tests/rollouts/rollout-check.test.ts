// The update check answers by the rollout: a phase offers the release to its share of the
// fleet and to no one else, the same machines every time; the rollout halts by itself when a
// phase's error threshold is crossed (alert, audit) and then offers the release to no further
// machine; it advances by itself after the soak time; four-eyes phases wait for an approver.
import { describe, expect, it } from "vitest";
import { approveRequest } from "@/lib/authz/approve-request";
import { db } from "@/lib/db/client";
import { advanceRollout, abortRollout, pauseRollout } from "@/lib/rollouts/control-rollout";
import { newRequest, staffActor } from "../authz/factories";
import { release, SYSTEM } from "../updates/factories";
import { publishRelease } from "@/lib/releases/publish-release";
import { makeWorld, onlyUpdate } from "../updates/factories";
import { rolloutWorld, withoutUpdateLimits } from "./factories";

withoutUpdateLimits();

const quickPhases = (first: Record<string, unknown> = {}) => ({
  phases: [
    { percentage: 10, minSoakMinutes: 0, errorThreshold: 20, minReports: 3, ...first },
    { percentage: 100 },
  ],
});

// A fleet of machines checks in one by one: slower than one check.
describe("rollouts in the update check", { timeout: 120_000 }, () => {
  it("offers a 10% phase to about 10% of the fleet, the same machines on every check", async () => {
    const w = await rolloutWorld(quickPhases({ minReports: 1000 }), 150);
    const first = await w.offered(w.fleet);
    // 15 expected; the bounds are about three standard deviations.
    expect(first.length).toBeGreaterThan(4);
    expect(first.length).toBeLessThan(27);
    expect(await w.offered(w.fleet)).toEqual(first);
    // Out of the cohort the machine is up to date with 1.0.0 and is not told of 2.0.0.
    const outside = w.fleet.find((m) => !first.includes(m)) ?? "";
    expect(await w.check(outside)).toMatchObject({ status: "up_to_date", latest: "1.0.0" });
  });

  it("halts by itself at its error threshold, raises an alert, and offers the release to no one new", async () => {
    const w = await rolloutWorld(quickPhases(), 120);
    const cohort = await w.offered(w.fleet);
    expect(cohort.length).toBeGreaterThanOrEqual(5);
    const [a = "", b = "", c = "", ...rest] = cohort;
    await w.reportAs(a, [{ event: "installed", previousVersion: "1.0.0" }]);
    await w.reportAs(b, [{ event: "installed", previousVersion: "1.0.0" }]);
    expect((await db().rollout.findUniqueOrThrow({ where: { id: w.rolloutId } })).status).toBe(
      "ACTIVE",
    );
    await w.reportAs(c, [
      { event: "failed", error: { code: "health_check_failed", message: "exit 1" } },
      { event: "rolled_back", previousVersion: "1.0.0" },
    ]);
    const halted = await db().rollout.findUniqueOrThrow({ where: { id: w.rolloutId } });
    expect(halted.status).toBe("HALTED");
    expect(halted.haltReason).toMatch(/1 of 3 .*error threshold 20%/);
    const alert = await db().alert.findFirstOrThrow({
      where: { kind: "rollout.halted", subject: w.rolloutId },
    });
    expect(alert).toMatchObject({ status: "OPEN", severity: "HIGH" });
    expect(
      await db().auditEvent.count({ where: { action: "rollout.halted", targetId: w.rolloutId } }),
    ).toBe(1);
    // Nobody who does not run it already is offered 2.0.0 any more, in or out of the cohort.
    expect(await w.offered([...rest, ...w.fleet.filter((m) => !cohort.includes(m))])).toEqual([]);
    // A machine that installed it stays up to date on it.
    expect(await w.check(a, "2.0.0")).toMatchObject({ status: "up_to_date" });
  });

  it("advances by itself once the phase met its success threshold, and the cohort grows", async () => {
    const w = await rolloutWorld(quickPhases({ minReports: 2, successThreshold: 100 }), 60);
    const cohort = await w.offered(w.fleet);
    const [a = "", b = ""] = cohort;
    expect(cohort.length).toBeGreaterThanOrEqual(2);
    await w.reportAs(a, [{ event: "installed" }]);
    await w.reportAs(b, [{ event: "installed" }]);
    const advanced = await db().rollout.findUniqueOrThrow({ where: { id: w.rolloutId } });
    expect(advanced).toMatchObject({ status: "ACTIVE", currentPhase: 1 });
    expect(
      await db().auditEvent.count({
        where: { action: "rollout.phase_advanced", targetId: w.rolloutId },
      }),
    ).toBe(1);
    // Phase 2 is 100%: every machine is offered 2.0.0 now.
    expect(await w.offered(w.fleet)).toHaveLength(w.fleet.length);
  });

  it("waits for a second person before a four-eyes phase", async () => {
    const w = await rolloutWorld(
      {
        phases: [
          { percentage: 10, minReports: 1000 },
          { percentage: 100, requiresApproval: true },
        ],
      },
      10,
    );
    const manager = await staffActor({ roles: ["release_manager"] });
    const result = await advanceRollout({
      actor: manager,
      input: { rolloutId: w.rolloutId },
      request: newRequest(),
    });
    if (result.status !== "pending_approval") throw new Error("expected an approval request");
    expect(
      (await db().rollout.findUniqueOrThrow({ where: { id: w.rolloutId } })).currentPhase,
    ).toBe(0);
    // Asking twice files nothing new.
    await expect(
      advanceRollout({ actor: manager, input: { rolloutId: w.rolloutId }, request: newRequest() }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      approveRequest({
        actor: manager,
        input: { requestId: result.approvalId },
        request: newRequest(),
      }),
    ).rejects.toThrow();
    const second = await staffActor({ roles: ["security_admin"] });
    await approveRequest({
      actor: second,
      input: { requestId: result.approvalId },
      request: newRequest(),
    });
    expect(await db().rollout.findUniqueOrThrow({ where: { id: w.rolloutId } })).toMatchObject({
      currentPhase: 1,
      pendingApprovalId: null,
    });
  });

  it("pause freezes the cohort, abort offers the release to no one new; both need rollouts:manage", async () => {
    const w = await rolloutWorld(quickPhases({ minReports: 1000 }), 100);
    const cohort = await w.offered(w.fleet);
    const support = await staffActor({ roles: ["support"] });
    await expect(
      pauseRollout({ actor: support, input: { rolloutId: w.rolloutId }, request: newRequest() }),
    ).rejects.toMatchObject({ status: 403 });
    const manager = await staffActor({ roles: ["release_manager"] });
    await pauseRollout({
      actor: manager,
      input: { rolloutId: w.rolloutId },
      request: newRequest(),
    });
    expect(await w.offered(w.fleet)).toEqual(cohort);
    await expect(
      advanceRollout({ actor: manager, input: { rolloutId: w.rolloutId }, request: newRequest() }),
    ).resolves.toMatchObject({ status: "advanced" });
    await abortRollout({
      actor: manager,
      input: { rolloutId: w.rolloutId },
      request: newRequest(),
    });
    expect(await w.offered(w.fleet)).toEqual([]);
    const actions = await db().auditEvent.findMany({
      where: { targetId: w.rolloutId },
      orderBy: { seq: "asc" },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual([
      "rollout.started",
      "rollout.paused",
      "rollout.phase_advanced",
      "rollout.aborted",
    ]);
  });

  it("lets a critical release skip phasing unless asked to phase it", async () => {
    const world = await makeWorld();
    await release(world.product.slug, "1.0.0");
    const draft = await release(world.product.slug, "1.0.1", { publish: false, critical: true });
    const published = await publishRelease({
      actor: SYSTEM,
      input: { releaseId: draft.id, rollout: { phases: [{ percentage: 1 }, { percentage: 100 }] } },
    });
    expect(published.rolloutId).toBeNull();
    expect(await onlyUpdate(world.agent.token, world.product.slug, "1.0.0")).toMatchObject({
      status: "update_available",
      release: { version: "1.0.1", critical: true },
    });
  });
});
