import { z } from "zod";
import { idSchema } from "@/lib/authz/schema-parts";
import { rolloutPhasesSchema } from "./rollout.schema";

export const rolloutIdSchema = idSchema;

export const rolloutControlSchema = z.object({ rolloutId: rolloutIdSchema });
export type RolloutControlInput = z.input<typeof rolloutControlSchema>;

// Publishing with a rollout: the phases, and whether a critical release is phased too (by
// default a critical release skips phasing and goes to everyone, as Sparkle's critical updates do).
export const startRolloutSchema = z.object({
  phases: rolloutPhasesSchema,
  phaseCritical: z.boolean().default(false),
});
export type StartRolloutInput = z.input<typeof startRolloutSchema>;
