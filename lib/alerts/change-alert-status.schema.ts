import { z } from "zod";

export const changeAlertStatusSchema = z.strictObject({
  alertId: z.string().regex(/^alr_[0-9a-f]{32}$/, "Not an alert id."),
  note: z.string().trim().min(1, "Say what was done or found.").max(2000),
});

export type ChangeAlertStatusInput = z.input<typeof changeAlertStatusSchema>;
