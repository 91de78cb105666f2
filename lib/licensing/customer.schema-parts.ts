// Field schemas shared by the customer operations.
import { z } from "zod";

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, "use lower-case letters, digits and dashes");

export const customerNameSchema = z.string().trim().min(1, "is required").max(200);

// Forms send "" for an empty field: that clears the value.
const optional = <T extends z.ZodType<string>>(schema: T) =>
  z
    .union([z.literal(""), schema])
    .nullable()
    .transform((v) => (v === "" ? null : v));

export const contactNameSchema = optional(z.string().trim().min(1).max(200));
export const contactEmailSchema = optional(z.email().max(320));
export const contactPhoneSchema = optional(
  z
    .string()
    .trim()
    .regex(/^\+?[0-9 ().-]{3,40}$/, "is not a phone number"),
);
