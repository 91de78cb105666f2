import { z } from "zod";
import { idSchema } from "@/lib/authz/schema-parts";

// The input of the operations that act on one staff user.
export const userIdSchema = z.object({ userId: idSchema });

export type UserIdInput = z.input<typeof userIdSchema>;
