import { z } from "zod";
import { channelNameSchema, productSlugSchema } from "./product.schema";
import { isStrictVersion, MAX_VERSION_LENGTH } from "./version";

export const MAX_NOTES_BYTES = 64 * 1024;

export const versionSchema = z
  .string()
  .max(MAX_VERSION_LENGTH)
  .refine(
    isStrictVersion,
    "must be a strict semantic version such as 1.4.2 or 2.0.0-rc.1, without build metadata",
  );

export const createReleaseSchema = z.object({
  product: productSlugSchema,
  version: versionSchema,
  channel: channelNameSchema,
  // Markdown, rendered safely by the portal (no raw HTML).
  notes: z
    .string()
    .refine(
      (notes) => Buffer.byteLength(notes, "utf8") <= MAX_NOTES_BYTES,
      `at most ${MAX_NOTES_BYTES} bytes`,
    )
    .default(""),
  critical: z.boolean().default(false),
  // Agents below a required release must install it before anything newer.
  required: z.boolean().default(false),
  // Installed versions below this must first update to it before they may take this release.
  minimumVersion: versionSchema.nullish(),
});

export type CreateReleaseInput = z.input<typeof createReleaseSchema>;
