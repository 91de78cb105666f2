import { z } from "zod";
import { releaseIdSchema } from "./product.schema";

export const yankReleaseSchema = z.object({
  releaseId: releaseIdSchema,
  reason: z.string().trim().max(500).optional(),
});
export type YankReleaseInput = z.input<typeof yankReleaseSchema>;
