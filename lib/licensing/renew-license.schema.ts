import { z } from "zod";
import { dateInput, idSchema, reasonSchema } from "./schema-parts";

export const renewLicenseSchema = z.object({
  licenseId: idSchema,
  // Must be later than the current expiry: renewal only extends (an edit can shorten).
  expiresAt: dateInput,
  reason: reasonSchema,
});

export type RenewLicenseInput = z.input<typeof renewLicenseSchema>;
