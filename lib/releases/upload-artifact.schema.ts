import { z } from "zod";
import { ARTIFACT_FILE_NAME_PATTERN } from "./artifact-file-name";
import { releaseIdSchema } from "./product.schema";

export const PLATFORMS = ["linux", "windows", "darwin"] as const;
export const ARCHES = ["x64", "arm64"] as const;
export type Platform = (typeof PLATFORMS)[number];
export type Arch = (typeof ARCHES)[number];

export const artifactTargetSchema = z.object({
  releaseId: releaseIdSchema,
  platform: z.enum(PLATFORMS),
  arch: z.enum(ARCHES),
});

export const sha256HexSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, "64 hexadecimal digits")
  .transform((hex) => hex.toLowerCase());

export const fileNameSchema = z
  .string()
  .regex(ARTIFACT_FILE_NAME_PATTERN, "letters, digits, . _ + - (at most 200), no path");

export const uploadArtifactSchema = artifactTargetSchema.extend({
  // The SHA-256 the build pipeline computed; the server's own must match it.
  sha256: sha256HexSchema,
  fileName: fileNameSchema.optional(),
});

export type UploadArtifactInput = z.input<typeof uploadArtifactSchema>;
