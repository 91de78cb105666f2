import { z } from "zod";
import { idSchema } from "@/lib/authz/schema-parts";

export const suspendUserSchema = z.object({
  userId: idSchema,
  reason: z.string().trim().max(500).optional(),
});

export type SuspendUserInput = z.input<typeof suspendUserSchema>;
