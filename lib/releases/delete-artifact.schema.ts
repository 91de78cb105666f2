import type { z } from "zod";
import { artifactTargetSchema } from "./upload-artifact.schema";

export const deleteArtifactSchema = artifactTargetSchema;
export type DeleteArtifactInput = z.input<typeof deleteArtifactSchema>;
