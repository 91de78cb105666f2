import { z } from "zod";

// Slugs and channel names end up in storage keys, URLs and signed messages: keep them plain.
export const productSlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "lowercase letters, digits and dashes (at most 63)");

export const channelNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,31}$/, "lowercase letters, digits, . _ - (at most 32)");

export const DEFAULT_CHANNELS = ["stable", "beta"] as const;

export const releaseIdSchema = z.string().regex(/^rel_[0-9a-f]{32}$/, "a release id (rel_…)");
