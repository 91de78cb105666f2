import { z } from "zod";
import {
  contactEmailSchema,
  contactNameSchema,
  contactPhoneSchema,
  customerNameSchema,
  slugSchema,
} from "./customer.schema-parts";
import { notesSchema } from "./schema-parts";

export const createCustomerSchema = z.object({
  slug: slugSchema,
  name: customerNameSchema,
  contactName: contactNameSchema.optional(),
  contactEmail: contactEmailSchema.optional(),
  contactPhone: contactPhoneSchema.optional(),
  notes: notesSchema.default(""),
});

export type CreateCustomerInput = z.input<typeof createCustomerSchema>;
