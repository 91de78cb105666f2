import { z } from "zod";
import { startRolloutSchema } from "@/lib/rollouts/rollout-control.schema";
import { releaseIdSchema } from "./product.schema";

export const publishReleaseSchema = z.object({
  releaseId: releaseIdSchema,
  // Offer the release phase by phase instead of to everyone (docs/rollouts.md).
  rollout: startRolloutSchema.optional(),
});
export type PublishReleaseInput = z.input<typeof publishReleaseSchema>;
