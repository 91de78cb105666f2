import { z } from "zod";

export const listApprovalRequestsSchema = z.object({
  status: z.enum(["PENDING", "APPROVED", "REJECTED", "EXPIRED"]).optional(),
});

export type ListApprovalRequestsInput = z.input<typeof listApprovalRequestsSchema>;
