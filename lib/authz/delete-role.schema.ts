import { z } from "zod";
import { idSchema } from "./schema-parts";

export const deleteRoleSchema = z.object({ roleId: idSchema });

export type DeleteRoleInput = z.input<typeof deleteRoleSchema>;
