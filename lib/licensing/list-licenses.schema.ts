import { z } from "zod";
import { storableString } from "@/lib/http/storable-text";
import { idSchema, pageLimitSchema } from "./schema-parts";

export const listLicensesSchema = z.object({
  status: z.enum(["ACTIVE", "SUSPENDED", "REVOKED"]).optional(),
  productId: idSchema.optional(),
  // Licenses whose expiry falls between now and now + N days.
  expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
  // A customer's name or slug (substring), a key hint, a license id, or a whole key.
  search: storableString().trim().max(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: pageLimitSchema.optional(),
});

export type ListLicensesInput = z.input<typeof listLicensesSchema>;
