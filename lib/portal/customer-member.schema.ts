import { z } from "zod";

const id = z.string().trim().min(1, "is required").max(64);

export const customerRoleSchema = z.enum(["ADMIN", "MEMBER"]);

export const inviteCustomerUserSchema = z.strictObject({
  customerId: id,
  email: z
    .email("is not an email address")
    .max(254)
    .transform((e) => e.trim().toLowerCase()),
  name: z.string().trim().max(100).optional(),
  role: customerRoleSchema.default("MEMBER"),
});

export const customerMemberSchema = z.strictObject({ customerId: id, userId: id });

export const setCustomerUserRoleSchema = z.strictObject({
  customerId: id,
  userId: id,
  role: customerRoleSchema,
});

export type InviteCustomerUserInput = z.input<typeof inviteCustomerUserSchema>;
export type CustomerMemberInput = z.input<typeof customerMemberSchema>;
export type SetCustomerUserRoleInput = z.input<typeof setCustomerUserRoleSchema>;
