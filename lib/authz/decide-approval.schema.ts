import { z } from "zod";
import { idSchema } from "./schema-parts";

export const approveRequestSchema = z.object({ requestId: idSchema });
export type ApproveRequestInput = z.input<typeof approveRequestSchema>;

export const rejectRequestSchema = z.object({
  requestId: idSchema,
  reason: z.string().trim().max(500).optional(),
});
export type RejectRequestInput = z.input<typeof rejectRequestSchema>;
