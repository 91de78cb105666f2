import { z } from "zod";
import {
  dateInput,
  entitlementsSchema,
  expiryBehaviorSchema,
  idSchema,
  maxMachinesSchema,
  notesSchema,
} from "./schema-parts";

// Absent fields stay as they are. `entitlements`, when given, replaces the whole set.
export const updateLicenseSchema = z.object({
  licenseId: idSchema,
  entitlements: entitlementsSchema.optional(),
  expiresAt: dateInput.optional(),
  expiryBehavior: expiryBehaviorSchema.optional(),
  maxMachines: maxMachinesSchema.optional(),
  notes: notesSchema.optional(),
});

export type UpdateLicenseInput = z.input<typeof updateLicenseSchema>;
