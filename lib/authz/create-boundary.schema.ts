import { z } from "zod";
import { descriptionSchema, nameSchema, permissionListSchema } from "./schema-parts";

export const createBoundarySchema = z.object({
  name: nameSchema,
  description: descriptionSchema.default(""),
  permissions: permissionListSchema,
});

export type CreateBoundaryInput = z.input<typeof createBoundarySchema>;
