// A rollout's phases, as staff define them when publishing (and as stored in Rollout.phases).
// Each phase widens the set of machines offered the release: a percentage of eligible machines
// (by their deterministic bucket, assign-bucket.ts) and/or named customer groups. Phases only
// ever widen: a later phase's percentage is at least the earlier one's, and the groups of every
// phase so far stay admitted (cohort.ts), so a machine once offered the release stays offered.
import { z } from "zod";

export const customerGroupSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "lower-case letters, digits and -, at most 40");

export const rolloutPhaseSchema = z
  .strictObject({
    // Share of eligible machines offered the release once this phase starts (0-100, two decimals).
    percentage: z.number().min(0).max(100).multipleOf(0.01).default(0),
    // Customers in these groups are offered the release from this phase on, whatever their bucket.
    groups: z.array(customerGroupSchema).max(10).default([]),
    // How long the phase runs at least before it may advance by itself.
    minSoakMinutes: z
      .number()
      .int()
      .min(0)
      .max(60 * 24 * 30)
      .default(60),
    // Percent of this phase's reporting machines that installed successfully, to advance.
    successThreshold: z.number().min(0).max(100).default(95),
    // Percent of this phase's reporting machines that failed (or rolled back): halts the rollout.
    errorThreshold: z.number().min(0).max(100).default(10),
    // Reports needed before either threshold is applied (a first failure out of one is noise
    // only when you say so).
    minReports: z.number().int().min(1).max(100_000).default(1),
    // Four-eyes: entering this phase waits for a second staff member's approval.
    requiresApproval: z.boolean().default(false),
  })
  .refine((p) => p.percentage > 0 || p.groups.length > 0, {
    message: "a phase needs a percentage above 0 or at least one customer group",
  });

export type RolloutPhase = z.output<typeof rolloutPhaseSchema>;

export const rolloutPhasesSchema = z
  .array(rolloutPhaseSchema)
  .min(1)
  .max(10)
  .superRefine((phases, ctx) => {
    phases.forEach((phase, i) => {
      const before = phases[i - 1];
      if (before && phase.percentage < before.percentage)
        ctx.addIssue({
          code: "custom",
          path: [i, "percentage"],
          message: "a phase cannot offer the release to fewer machines than the one before",
        });
    });
  });

// What a rollout of 10% then everyone looks like unless staff say otherwise.
export const DEFAULT_PHASES: RolloutPhase[] = [
  rolloutPhaseSchema.parse({ percentage: 10 }),
  rolloutPhaseSchema.parse({ percentage: 100 }),
];

// Stored phases were validated on the way in; reading them back through the schema keeps a row
// edited by hand from widening anything by surprise (an invalid list offers the release to none).
export function storedPhases(value: unknown): RolloutPhase[] {
  const parsed = rolloutPhasesSchema.safeParse(value);
  return parsed.success ? parsed.data : [];
}
