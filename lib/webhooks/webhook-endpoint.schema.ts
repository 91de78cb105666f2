import { z } from "zod";
import { urlProblem } from "./safe-target";
import { isSelectable } from "./webhook-events";

const events = z
  .array(z.string().trim().max(100))
  .min(1, "select at least one event")
  .max(100)
  .superRefine((names, ctx) => {
    names.forEach((name, i) => {
      if (!isSelectable(name))
        ctx.addIssue({ code: "custom", path: [i], message: `${name} is not a deliverable event` });
    });
  })
  .transform((names) => [...new Set(names)].sort());

export const createWebhookEndpointSchema = z.strictObject({
  name: z.string().trim().min(1, "is required").max(200),
  url: z
    .string()
    .trim()
    .max(2000)
    .superRefine((url, ctx) => {
      const problem = urlProblem(url);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  // One value (a single ticked checkbox from a form) or many.
  events: z.preprocess((v) => (typeof v === "string" ? [v] : v), events),
});

export const webhookEndpointIdSchema = z.strictObject({
  endpointId: z.string().trim().min(1).max(100),
});

export const setWebhookEndpointStatusSchema = webhookEndpointIdSchema.extend({
  status: z.enum(["ACTIVE", "DISABLED"]),
});

export type CreateWebhookEndpointInput = z.input<typeof createWebhookEndpointSchema>;
export type SetWebhookEndpointStatusInput = z.input<typeof setWebhookEndpointStatusSchema>;
export type WebhookEndpointIdInput = z.input<typeof webhookEndpointIdSchema>;
