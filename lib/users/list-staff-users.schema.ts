import { z } from "zod";

export const listStaffUsersSchema = z.object({
  // Matches email or name.
  query: z.string().trim().max(100).optional(),
  status: z.enum(["ACTIVE", "SUSPENDED"]).optional(),
  // The email of the last user of the previous page.
  after: z.string().max(254).optional(),
  take: z.coerce.number().int().min(1).max(200).default(50),
});

export type ListStaffUsersInput = z.input<typeof listStaffUsersSchema>;
