// Phase assignment is deterministic (a machine's bucket for a release never changes, so its
// answer never flaps), proportional (a phase of p% admits about p% of any large fleet) and
// monotone (a machine admitted by a phase stays admitted by every later one).
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignBucket, BUCKETS, machineKey } from "./assign-bucket";
import { entryPhase, inCohort } from "./cohort";
import { rolloutPhasesSchema } from "./rollout.schema";

const key = randomBytes(32);
const machineId = fc.stringMatching(/^[A-Za-z0-9._:-]{1,64}$/);
const releaseId = fc.stringMatching(/^rel_[0-9a-f]{32}$/);

describe("assignBucket", () => {
  it("is deterministic and within 0..9999", () => {
    fc.assert(
      fc.property(machineId, releaseId, (m, r) => {
        const bucket = assignBucket(machineKey("lic_1", m), r, key);
        expect(bucket).toBe(assignBucket(machineKey("lic_1", m), r, key));
        expect(Number.isInteger(bucket) && bucket >= 0 && bucket < BUCKETS).toBe(true);
      }),
    );
  });

  it("admits about p% of a large fleet for every percentage", () => {
    const fleet = Array.from({ length: 20_000 }, (_, i) => machineKey("lic_fleet", `m-${i}`));
    fc.assert(
      fc.property(releaseId, fc.integer({ min: 1, max: 99 }), (release, percentage) => {
        const admitted = fleet.filter((m) => assignBucket(m, release, key) < percentage * 100);
        const share = admitted.length / fleet.length;
        // Six standard deviations of a binomial share over 20 000 machines at worst (p = 0.5).
        expect(Math.abs(share - percentage / 100)).toBeLessThan(0.022);
      }),
      { numRuns: 15 },
    );
  });

  it("depends on the key: without it nobody can pick machine ids that land early", () => {
    const other = randomBytes(32);
    const fleet = Array.from({ length: 2_000 }, (_, i) => `lic/m-${i}`);
    const same = fleet.filter(
      (m) => assignBucket(m, "rel_x", key) === assignBucket(m, "rel_x", other),
    );
    // Two keys agree on a machine by chance 1 time in 10 000.
    expect(same.length).toBeLessThan(10);
  });

  it("shuffles the fleet per release, so the same machines are not always first", () => {
    const fleet = Array.from({ length: 5_000 }, (_, i) => `lic/m-${i}`);
    const first = (release: string) =>
      new Set(fleet.filter((m) => assignBucket(m, release, key) < 1000));
    const a = first("rel_a");
    const overlap = [...first("rel_b")].filter((m) => a.has(m)).length;
    // Independent 10% samples share about 1% of the fleet (50 machines), never most of it.
    expect(overlap).toBeLessThan(150);
  });
});

describe("cohorts", () => {
  const phases = rolloutPhasesSchema.parse([
    { groups: ["pilot"] },
    { percentage: 1 },
    { percentage: 10 },
    { percentage: 50 },
    { percentage: 100 },
  ]);

  it("only grow as phases advance, and everyone is in by the last phase", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: BUCKETS - 1 }),
        fc.subarray(["pilot", "beta", "eu"]),
        (bucket, groups) => {
          const member = { bucket, groups };
          let was = false;
          for (let phase = 0; phase < phases.length; phase++) {
            const now = inCohort(phases, phase, member);
            if (was) expect(now).toBe(true);
            was = now;
          }
          expect(was).toBe(true);
          expect(entryPhase(phases, member) === 0).toBe(groups.includes("pilot"));
        },
      ),
    );
  });

  it("refuses phases that would shrink the share", () => {
    expect(rolloutPhasesSchema.safeParse([{ percentage: 50 }, { percentage: 10 }]).success).toBe(
      false,
    );
    expect(rolloutPhasesSchema.safeParse([{ percentage: 0 }]).success).toBe(false);
  });
});
