// POST /api/update/events: what an agent reports about each step of an update (Omaha's event
// pings): downloaded, verified, installed, failed (with an error code and message) and
// rolled_back, with the version before the step and how long it took. Idempotent per (machine,
// release, event): a retried report is recorded once.
import { z } from "zod";
import { versionSchema } from "@/lib/releases/create-release.schema";
import { productSlugSchema } from "@/lib/releases/product.schema";
import { machineIdSchema } from "./update-check.schema";

export const INSTALL_EVENT_KINDS = [
  "downloaded",
  "verified",
  "installed",
  "failed",
  "rolled_back",
] as const;
export type InstallEventKindName = (typeof INSTALL_EVENT_KINDS)[number];

export const MAX_EVENTS_PER_REPORT = 20;
export const MAX_EVENTS_BODY_BYTES = 16 * 1024;
// A week: far above any real download and install, bounded so a sum cannot overflow a column.
const MAX_DURATION_MS = 7 * 86_400_000;

export const errorCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_.-]{0,63}$/, "lower-case letters, digits, _ . - (at most 64)");

export const installEventSchema = z
  .strictObject({
    product: productSlugSchema,
    // The release the event is about (for rolled_back: the one the machine left).
    version: versionSchema,
    event: z.enum(INSTALL_EVENT_KINDS),
    // The version the machine ran before this step (for rolled_back: the one it returned to).
    previousVersion: versionSchema.optional(),
    error: z
      .strictObject({
        code: errorCodeSchema,
        message: z.string().max(500).optional(),
      })
      .optional(),
    durationMs: z.number().int().min(0).max(MAX_DURATION_MS).optional(),
    // The agent's clock; the server keeps it only within the last 30 days and not in the future.
    occurredAt: z.iso.datetime({ offset: true }).optional(),
  })
  .superRefine((e, ctx) => {
    if (e.event === "failed" && !e.error)
      ctx.addIssue({ code: "custom", path: ["error"], message: "a failed event needs an error" });
  });

export const reportInstallEventsSchema = z.strictObject({
  machine: z.strictObject({ id: machineIdSchema }),
  events: z.array(installEventSchema).min(1).max(MAX_EVENTS_PER_REPORT),
});

export type InstallEventInput = z.infer<typeof installEventSchema>;
export type ReportInstallEventsInput = z.infer<typeof reportInstallEventsSchema>;

export const installEventResultSchema = z.strictObject({
  product: z.string(),
  version: z.string(),
  event: z.enum(INSTALL_EVENT_KINDS),
  // recorded: new; duplicate: this (machine, release, event) was reported before and is unchanged;
  // unknown_release: no published release of an entitled product has this version.
  status: z.enum(["recorded", "duplicate", "unknown_release"]),
});

export const reportInstallEventsAnswerSchema = z.strictObject({
  machine: z.string(),
  results: z.array(installEventResultSchema),
});

export type InstallEventResult = z.infer<typeof installEventResultSchema>;
export type ReportInstallEventsAnswer = z.infer<typeof reportInstallEventsAnswerSchema>;
