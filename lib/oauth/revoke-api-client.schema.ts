import { z } from "zod";

export const revokeApiClientSchema = z.strictObject({
  apiClientId: z.string().trim().min(1, "is required").max(100),
  reason: z.string().trim().max(500).optional(),
});

export type RevokeApiClientInput = z.input<typeof revokeApiClientSchema>;
