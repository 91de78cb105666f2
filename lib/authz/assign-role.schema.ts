import { z } from "zod";
import { idSchema } from "./schema-parts";

export const assignRoleSchema = z.object({ userId: idSchema, roleId: idSchema });

export type AssignRoleInput = z.input<typeof assignRoleSchema>;
