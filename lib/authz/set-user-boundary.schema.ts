import { z } from "zod";
import { idSchema } from "./schema-parts";

// boundaryId null detaches the boundary.
export const setUserBoundarySchema = z.object({
  userId: idSchema,
  boundaryId: idSchema.nullable(),
});

export type SetUserBoundaryInput = z.input<typeof setUserBoundarySchema>;
