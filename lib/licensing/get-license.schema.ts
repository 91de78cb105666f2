import { z } from "zod";
import { idSchema } from "./schema-parts";

export const getLicenseSchema = z.object({ licenseId: idSchema });

export type GetLicenseInput = z.input<typeof getLicenseSchema>;
