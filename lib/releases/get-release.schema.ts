import { z } from "zod";
import { releaseIdSchema } from "./product.schema";

export const getReleaseSchema = z.object({ releaseId: releaseIdSchema });
export type GetReleaseInput = z.input<typeof getReleaseSchema>;
