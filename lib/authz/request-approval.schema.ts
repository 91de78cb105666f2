import { z } from "zod";

export const requestApprovalSchema = z.object({
  action: z.string().trim().min(1).max(64),
  payload: z.record(z.string(), z.json()),
});

export type RequestApprovalInput = z.input<typeof requestApprovalSchema>;
