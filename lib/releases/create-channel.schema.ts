import { z } from "zod";
import { channelNameSchema, productSlugSchema } from "./product.schema";

export const createChannelSchema = z.object({
  product: productSlugSchema,
  name: channelNameSchema,
});

export type CreateChannelInput = z.input<typeof createChannelSchema>;
