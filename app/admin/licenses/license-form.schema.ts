// The license operations' schemas, adapted to what a form sends: text for numbers and dates.
// Each still ends in the domain's own field schema, so the rules (and their messages) are the
// domain's; only the form-shaped front is added here. Not a "use server" file, which may export
// only functions.
import { z } from "zod";
import { createLicenseSchema } from "@/lib/licensing/create-license.schema";
import { renewLicenseSchema } from "@/lib/licensing/renew-license.schema";
import { updateLicenseSchema } from "@/lib/licensing/update-license.schema";

// A blank field means "no limit"; digits are a number; anything else is left for the number
// schema to refuse with a readable message. The bounds are the domain's (maxMachinesSchema),
// which checks them again, with messages a form can show.
export const maxMachinesField = z.preprocess(
  (value) => {
    if (typeof value !== "string") return value;
    const text = value.trim();
    if (text === "") return null;
    return /^\d+$/.test(text) ? Number(text) : text;
  },
  z
    .number({ error: "must be a whole number, or blank for no limit" })
    .int("must be a whole number")
    .min(1, "must be at least 1, or blank for no limit")
    .max(1_000_000, "must be at most 1,000,000")
    .nullable(),
);

// A date input's value: the start of that day, UTC, as the domain's dateInput reads a bare date.
export const expiryDateField = z
  .string()
  .trim()
  .min(1, "is required")
  .pipe(z.iso.date("must be a date such as 2027-01-31"))
  .transform((day) => new Date(day));

export const createLicenseFormSchema = createLicenseSchema.extend({
  expiresAt: expiryDateField,
  maxMachines: maxMachinesField,
});

export const updateLicenseFormSchema = updateLicenseSchema.extend({
  expiresAt: expiryDateField.optional(),
  maxMachines: maxMachinesField.optional(),
});

export const renewLicenseFormSchema = renewLicenseSchema.extend({ expiresAt: expiryDateField });
