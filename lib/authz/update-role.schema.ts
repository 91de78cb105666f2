import { z } from "zod";
import { descriptionSchema, idSchema, nameSchema, permissionListSchema } from "./schema-parts";

export const updateRoleSchema = z.object({
  roleId: idSchema,
  name: nameSchema.optional(),
  description: descriptionSchema.optional(),
  permissions: permissionListSchema.optional(),
});

export type UpdateRoleInput = z.input<typeof updateRoleSchema>;
