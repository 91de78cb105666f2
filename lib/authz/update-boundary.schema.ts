import { z } from "zod";
import { descriptionSchema, idSchema, nameSchema, permissionListSchema } from "./schema-parts";

export const updateBoundarySchema = z.object({
  boundaryId: idSchema,
  name: nameSchema.optional(),
  description: descriptionSchema.optional(),
  permissions: permissionListSchema.optional(),
});

export type UpdateBoundaryInput = z.input<typeof updateBoundarySchema>;
