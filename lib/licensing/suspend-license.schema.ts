import type { z } from "zod";
import { licenseActionSchema } from "./schema-parts";

export const suspendLicenseSchema = licenseActionSchema;

export type SuspendLicenseInput = z.input<typeof suspendLicenseSchema>;
