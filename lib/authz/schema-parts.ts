// zod pieces shared by the administration schemas.
import { z } from "zod";
import { sortPermissions } from "./permission-sets";
import { ALL_PERMISSIONS, type Permission } from "./permissions";

export const idSchema = z.string().trim().min(1).max(64);

export const permissionSchema = z.enum(ALL_PERMISSIONS as [Permission, ...Permission[]], {
  error: "is not a known permission",
});

// Stored and compared in catalogue order, without duplicates.
export const permissionListSchema = z
  .array(permissionSchema)
  .max(ALL_PERMISSIONS.length * 2)
  .transform((list) => sortPermissions(list));

export const nameSchema = z.string().trim().min(1).max(100);
export const descriptionSchema = z.string().trim().max(500);
