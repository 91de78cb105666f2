import { z } from "zod";
import { releaseIdSchema } from "./product.schema";

export const publishReleaseSchema = z.object({ releaseId: releaseIdSchema });
export type PublishReleaseInput = z.input<typeof publishReleaseSchema>;
