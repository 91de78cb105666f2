import fc from "fast-check";
import semver from "semver";
import { describe, expect, it } from "vitest";
import { planUpdate, type CandidateRelease } from "./plan-update";

const rel = (version: string, extra: Partial<CandidateRelease> = {}): CandidateRelease => ({
  id: `rel_${version}`,
  version,
  critical: false,
  minimumVersion: null,
  publishedAt: null,
  ...extra,
});

describe("planUpdate", () => {
  it("offers the newest newer release", () => {
    expect(planUpdate("1.0.0", [rel("1.1.0"), rel("2.0.0"), rel("1.0.0")], "2.0.0")).toMatchObject({
      kind: "update",
      latest: "2.0.0",
      release: { version: "2.0.0" },
      steppingStone: false,
      critical: false,
    });
  });

  it("never offers the installed version or a lower one", () => {
    expect(planUpdate("2.0.0", [rel("1.0.0"), rel("2.0.0")], "2.0.0")).toEqual({
      kind: "up_to_date",
      latest: "2.0.0",
    });
    expect(planUpdate("3.0.0", [rel("2.0.0")], "2.0.0")).toEqual({
      kind: "up_to_date",
      latest: "2.0.0",
    });
  });

  it("orders prereleases by semver precedence", () => {
    expect(planUpdate("2.0.0-rc.2", [rel("2.0.0-rc.10"), rel("2.0.0-rc.9")])).toMatchObject({
      release: { version: "2.0.0-rc.10" },
    });
    expect(planUpdate("2.0.0-rc.2", [rel("2.0.0-rc.10"), rel("2.0.0")])).toMatchObject({
      release: { version: "2.0.0" },
    });
    expect(planUpdate("2.0.0", [rel("2.0.0-rc.10")], "2.0.0-rc.10")).toEqual({
      kind: "up_to_date",
      latest: "2.0.0-rc.10",
    });
  });

  it("steps through the newest release the installed version may take when the newest requires more", () => {
    const releases = [
      rel("1.2.0"),
      rel("1.5.0", { minimumVersion: "1.1.0" }),
      rel("2.0.0", { minimumVersion: "1.5.0" }),
    ];
    expect(planUpdate("1.0.0", releases)).toMatchObject({
      release: { version: "1.2.0" },
      steppingStone: true,
      latest: "2.0.0",
    });
    expect(planUpdate("1.2.0", releases)).toMatchObject({
      release: { version: "1.5.0" },
      steppingStone: true,
    });
    expect(planUpdate("1.5.0", releases)).toMatchObject({
      release: { version: "2.0.0" },
      steppingStone: false,
    });
  });

  it("reports no upgrade path when nothing newer may be installed directly", () => {
    expect(planUpdate("1.0.0", [rel("3.0.0", { minimumVersion: "2.0.0" })])).toEqual({
      kind: "no_upgrade_path",
      latest: "3.0.0",
    });
    // A minimum that does not parse is unreachable, not ignored.
    expect(planUpdate("1.0.0", [rel("3.0.0", { minimumVersion: "garbage" })])).toEqual({
      kind: "no_upgrade_path",
      latest: "3.0.0",
    });
  });

  it("is critical when the offer or anything it skips is critical, not for releases beyond it", () => {
    expect(planUpdate("1.0.0", [rel("1.1.0", { critical: true }), rel("2.0.0")])).toMatchObject({
      critical: true,
    });
    expect(planUpdate("1.1.0", [rel("1.1.0", { critical: true }), rel("2.0.0")])).toMatchObject({
      critical: false,
    });
    const stepping = [rel("1.5.0"), rel("2.0.0", { minimumVersion: "1.5.0", critical: true })];
    expect(planUpdate("1.0.0", stepping)).toMatchObject({
      release: { version: "1.5.0" },
      critical: false,
    });
  });

  it("for any releases: offers only something newer and installable, and the newest such one", () => {
    const version = fc
      .tuple(
        fc.nat(3),
        fc.nat(3),
        fc.nat(3),
        fc.option(fc.constantFrom("rc.1", "rc.2", "beta.10"), { nil: undefined }),
      )
      .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre ? `-${pre}` : ""}`);
    const candidate = fc.record({
      version,
      critical: fc.boolean(),
      minimumVersion: fc.option(version, { nil: null }),
    });
    fc.assert(
      fc.property(
        version,
        fc.uniqueArray(candidate, { selector: (c) => c.version, maxLength: 12 }),
        (installed, list) => {
          const candidates = list.map((c) => rel(c.version, c));
          const plan = planUpdate(installed, candidates);
          const installable = candidates.filter(
            (c) =>
              semver.gt(c.version, installed) &&
              (c.minimumVersion === null || semver.gte(installed, c.minimumVersion)),
          );
          if (plan.kind !== "update") {
            expect(installable).toEqual([]);
            return;
          }
          expect(semver.gt(plan.release.version, installed)).toBe(true);
          expect(installable.every((c) => semver.lte(c.version, plan.release.version))).toBe(true);
          expect(installable.map((c) => c.id)).toContain(plan.release.id);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
