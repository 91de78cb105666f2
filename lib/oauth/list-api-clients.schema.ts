import { z } from "zod";

export const listApiClientsSchema = z.strictObject({
  // Omitted: every client (vendor staff view).
  customerId: z.string().trim().min(1).max(100).optional(),
  licenseId: z.string().trim().min(1).max(100).optional(),
  kind: z.enum(["AGENT", "PIPELINE"]).optional(),
  status: z.enum(["ACTIVE", "REVOKED"]).optional(),
  take: z.number().int().min(1).max(500).default(200),
});

export type ListApiClientsInput = z.input<typeof listApiClientsSchema>;
