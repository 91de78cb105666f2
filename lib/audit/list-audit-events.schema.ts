import { z } from "zod";
import { AUDIT_ACTIONS } from "./actions";

const ACTOR_TYPES = ["USER", "AGENT", "SERVICE", "SYSTEM", "ANONYMOUS"] as const;
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || undefined);
const date = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "Not a date." });
      return z.NEVER;
    }
    return d;
  });

// The viewer's and the export's filters. Empty strings are "no filter", so a form's untouched
// fields pass straight through.
export const auditFiltersSchema = z.object({
  actor: text(200),
  actorType: z
    .enum(ACTOR_TYPES)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  action: z
    .enum(AUDIT_ACTIONS)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  targetType: text(64),
  targetId: text(200),
  result: z
    .enum(["SUCCESS", "FAILURE", "DENIED"])
    .optional()
    .or(z.literal("").transform(() => undefined)),
  // An address or a CIDR block, IPv4 or IPv6.
  ip: text(64).refine((v) => !v || /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(v), "Not an IP or CIDR."),
  method: text(16).transform((v) => v?.toUpperCase()),
  // A path prefix: /admin/licenses matches every license page.
  path: text(1000),
  requestId: text(128),
  from: date,
  to: date,
  q: text(200),
});

export const listAuditEventsSchema = auditFiltersSchema.extend({
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, "Not a page cursor.")
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

export type AuditFilters = z.output<typeof auditFiltersSchema>;
export type ListAuditEventsInput = z.input<typeof listAuditEventsSchema>;
