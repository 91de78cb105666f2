import { z } from "zod";
import {
  dateInput,
  entitlementsSchema,
  expiryBehaviorSchema,
  idSchema,
  maxMachinesSchema,
  notesSchema,
} from "./schema-parts";

export const createLicenseSchema = z.object({
  customerId: idSchema,
  entitlements: entitlementsSchema,
  // A date in the past is allowed: importing an existing, already expired license is legitimate.
  expiresAt: dateInput,
  expiryBehavior: expiryBehaviorSchema.default("ACCESS_STOPS"),
  maxMachines: maxMachinesSchema.default(null),
  notes: notesSchema.default(""),
});

export type CreateLicenseInput = z.input<typeof createLicenseSchema>;
