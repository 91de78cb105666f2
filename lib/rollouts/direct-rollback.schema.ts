import { z } from "zod";
import { idSchema } from "@/lib/authz/schema-parts";
import { releaseIdSchema } from "@/lib/releases/product.schema";

export const MAX_ROLLBACK_HOURS = 24 * 14;

export const directRollbackSchema = z
  .object({
    fromReleaseId: releaseIdSchema,
    toReleaseId: releaseIdSchema,
    scope: z.enum(["ALL", "CUSTOMER", "PHASE"]),
    customerId: idSchema.optional(),
    // For scope PHASE: the machines the from-release's rollout admitted up to this phase (1-based).
    phase: z.coerce.number().int().min(1).max(10).optional(),
    reason: z.string().trim().min(3).max(500),
    // How long agents are told to go back; afterwards the instruction expires with the directive.
    expiresInHours: z.coerce.number().int().min(1).max(MAX_ROLLBACK_HOURS).default(72),
  })
  .superRefine((v, ctx) => {
    if (v.scope === "CUSTOMER" && !v.customerId)
      ctx.addIssue({ code: "custom", path: ["customerId"], message: "choose the customer" });
    if (v.scope === "PHASE" && !v.phase)
      ctx.addIssue({ code: "custom", path: ["phase"], message: "choose the phase" });
  });
export type DirectRollbackInput = z.input<typeof directRollbackSchema>;

export const cancelRollbackSchema = z.object({ directiveId: idSchema });
export type CancelRollbackInput = z.input<typeof cancelRollbackSchema>;
