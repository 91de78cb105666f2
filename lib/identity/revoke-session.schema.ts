import { z } from "zod";

export const revokeSessionSchema = z.strictObject({
  sessionId: z.string().min(1).max(100),
});

export type RevokeSessionInput = z.input<typeof revokeSessionSchema>;
