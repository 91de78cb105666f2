import { z } from "zod";

export const inviteStaffUserSchema = z.object({
  email: z
    .email()
    .max(254)
    .transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(100).optional(),
});

export type InviteStaffUserInput = z.input<typeof inviteStaffUserSchema>;
