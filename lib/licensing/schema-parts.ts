// Field schemas shared by the licensing operations' input schemas.
import { z } from "zod";

export const idSchema = z.string().trim().min(1, "is required").max(100);

// A Date, an ISO datetime with offset, or a bare date (start of that day, UTC).
export const dateInput = z
  .union([z.date(), z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((v) => (v instanceof Date ? v : new Date(v)))
  .refine((d) => !Number.isNaN(d.getTime()), "is not a valid date");

export const PLATFORM_PATTERN = /^[a-z0-9_]+\/[a-z0-9_]+$/;

const uniqueStrings = (what: string) => (values: readonly string[], ctx: z.RefinementCtx) => {
  values.forEach((v, i) => {
    if (values.indexOf(v) !== i)
      ctx.addIssue({ code: "custom", path: [i], message: `duplicate ${what}` });
  });
};

export const channelsSchema = z
  .array(z.string().trim().min(1).max(64))
  .min(1, "at least one channel is required")
  .max(50)
  .superRefine(uniqueStrings("channel"));

export const platformListSchema = z
  .array(z.string().trim().regex(PLATFORM_PATTERN, 'must be "os/arch", e.g. linux/x64'))
  .max(100)
  .superRefine(uniqueStrings("platform"));

export const platformsSchema = platformListSchema.default([]);

export const entitlementSchema = z.object({
  productId: idSchema,
  channels: channelsSchema,
  // Empty means every platform.
  platforms: platformsSchema,
});

export const entitlementsSchema = z
  .array(entitlementSchema)
  .min(1, "at least one product is required")
  .max(50)
  .superRefine((items, ctx) => {
    const ids = items.map((e) => e.productId);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) {
        ctx.addIssue({ code: "custom", path: [i, "productId"], message: "product listed twice" });
      }
    });
  });

export const expiryBehaviorSchema = z.enum(["ACCESS_STOPS", "MAINTENANCE"]);

// null = no limit.
export const maxMachinesSchema = z.number().int().positive().max(1_000_000).nullable();

export const notesSchema = z.string().trim().max(5000);

export const reasonSchema = z.string().trim().max(500).optional();

export const pageLimitSchema = z.coerce.number().int().min(1).max(100);

// The input of an action on one license that needs nothing else but an optional reason.
export const licenseActionSchema = z.object({ licenseId: idSchema, reason: reasonSchema });
