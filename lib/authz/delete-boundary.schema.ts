import { z } from "zod";
import { idSchema } from "./schema-parts";

export const deleteBoundarySchema = z.object({ boundaryId: idSchema });

export type DeleteBoundaryInput = z.input<typeof deleteBoundarySchema>;
