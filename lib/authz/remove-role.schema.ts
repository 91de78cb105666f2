import { z } from "zod";
import { idSchema } from "./schema-parts";

export const removeRoleSchema = z.object({ userId: idSchema, roleId: idSchema });

export type RemoveRoleInput = z.input<typeof removeRoleSchema>;
