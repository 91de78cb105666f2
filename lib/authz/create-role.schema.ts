import { z } from "zod";
import { BUILT_IN_ROLE_KEYS } from "./built-in-roles";
import { descriptionSchema, nameSchema, permissionListSchema } from "./schema-parts";

// Built-in keys are reserved even before the seed has run: a custom role squatting one would
// otherwise be refused by ensureBuiltInRoles, or worse, confused with it.
export const roleKeySchema = z
  .string()
  .trim()
  .regex(
    /^[a-z][a-z0-9_]{1,47}$/,
    "use 2-48 lowercase letters, digits or _, starting with a letter",
  )
  .refine((key) => !BUILT_IN_ROLE_KEYS.has(key), "is reserved for a built-in role");

export const createRoleSchema = z.object({
  key: roleKeySchema,
  name: nameSchema,
  description: descriptionSchema.default(""),
  permissions: permissionListSchema,
});

export type CreateRoleInput = z.input<typeof createRoleSchema>;
