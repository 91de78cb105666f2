import { z } from "zod";
import {
  contactEmailSchema,
  contactNameSchema,
  contactPhoneSchema,
  customerNameSchema,
  slugSchema,
} from "./customer.schema-parts";
import { idSchema, notesSchema } from "./schema-parts";

// Absent fields stay as they are; null or "" clears a contact field.
export const updateCustomerSchema = z.object({
  customerId: idSchema,
  slug: slugSchema.optional(),
  name: customerNameSchema.optional(),
  contactName: contactNameSchema.optional(),
  contactEmail: contactEmailSchema.optional(),
  contactPhone: contactPhoneSchema.optional(),
  notes: notesSchema.optional(),
});

export type UpdateCustomerInput = z.input<typeof updateCustomerSchema>;
