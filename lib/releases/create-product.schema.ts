import { z } from "zod";
import { channelNameSchema, DEFAULT_CHANNELS, productSlugSchema } from "./product.schema";

export const createProductSchema = z.object({
  slug: productSlugSchema,
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).default(""),
  channels: z
    .array(channelNameSchema)
    .min(1)
    .max(20)
    .refine((names) => new Set(names).size === names.length, "channel names must be unique")
    .default([...DEFAULT_CHANNELS]),
});

export type CreateProductInput = z.input<typeof createProductSchema>;
