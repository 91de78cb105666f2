import { z } from "zod";

export const DEFAULT_SECRET_OVERLAP_SECONDS = 24 * 3600;

export const rotateApiClientSecretSchema = z.strictObject({
  apiClientId: z.string().trim().min(1, "is required").max(100),
  // How long the previous secrets keep working, so agents can be reconfigured without an outage.
  // 0 ends them at once (a leaked secret); at most 30 days.
  overlapSeconds: z
    .number()
    .int()
    .min(0)
    .max(30 * 24 * 3600)
    .default(DEFAULT_SECRET_OVERLAP_SECONDS),
});

export type RotateApiClientSecretInput = z.input<typeof rotateApiClientSecretSchema>;
