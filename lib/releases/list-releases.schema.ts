import { z } from "zod";
import { channelNameSchema, productSlugSchema } from "./product.schema";

export const listReleasesSchema = z.object({
  product: productSlugSchema,
  channel: channelNameSchema.optional(),
  status: z.enum(["DRAFT", "PUBLISHED", "YANKED"]).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type ListReleasesInput = z.input<typeof listReleasesSchema>;
