// A version line as staff type it: a semver range (`2.x`, `~2.1`, `>=2.1.0 <3`), parsed by the
// semver package and bounded like every other input.
import semver from "semver";
import { z } from "zod";
import { idSchema } from "@/lib/authz/schema-parts";
import { productSlugSchema } from "@/lib/releases/product.schema";

export const versionRangeSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[0-9A-Za-z.*+~^<>=| -]+$/, "a semver range such as 2.x or ~2.1")
  .refine((r) => semver.validRange(r) !== null, "not a valid semver range (e.g. 2.x, ~2.1)");

const pinTarget = z.union([
  z.object({ licenseId: idSchema, customerId: z.undefined().optional() }),
  z.object({ customerId: idSchema, licenseId: z.undefined().optional() }),
]);

export const setVersionPinSchema = z
  .object({ product: productSlugSchema, range: versionRangeSchema })
  .and(pinTarget);
export type SetVersionPinInput = z.input<typeof setVersionPinSchema>;

export const removeVersionPinSchema = z.object({ product: productSlugSchema }).and(pinTarget);
export type RemoveVersionPinInput = z.input<typeof removeVersionPinSchema>;
