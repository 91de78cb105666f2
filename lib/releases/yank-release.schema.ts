import { z } from "zod";
import { releaseIdSchema } from "./product.schema";

export const yankReleaseSchema = z.object({
  releaseId: releaseIdSchema,
  reason: z.string().trim().max(500).optional(),
});
export type YankReleaseInput = z.input<typeof yankReleaseSchema>;

// The API's body: the release comes from the URL. The route and the OpenAPI document share it.
export const yankReleaseBodySchema = yankReleaseSchema.omit({ releaseId: true });
