import { z } from "zod";
import { releaseIdSchema } from "./product.schema";
import { ARCHES, PLATFORMS } from "./upload-artifact.schema";

// The URL segments of both upload routes: …/{id}/artifacts/{platform}/{arch}.
export const artifactUploadParamsSchema = z.object({
  id: releaseIdSchema,
  platform: z.enum(PLATFORMS),
  arch: z.enum(ARCHES),
});

export type ArtifactUploadParams = z.infer<typeof artifactUploadParamsSchema>;
