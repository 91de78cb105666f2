import { z } from "zod";
import { channelsSchema, idSchema, platformListSchema, reasonSchema } from "./schema-parts";

// Moves the license's entitlement from one product to another. Channels and platforms default to
// the current ones; channels must exist on the target product.
export const transferLicenseSchema = z
  .object({
    licenseId: idSchema,
    fromProductId: idSchema,
    toProductId: idSchema,
    channels: channelsSchema.optional(),
    platforms: platformListSchema.optional(),
    reason: reasonSchema,
  })
  .refine((v) => v.fromProductId !== v.toProductId, {
    path: ["toProductId"],
    message: "must differ from the current product",
  });

export type TransferLicenseInput = z.input<typeof transferLicenseSchema>;
