import type { z } from "zod";
import { licenseActionSchema } from "./schema-parts";

export const revokeLicenseSchema = licenseActionSchema;

export type RevokeLicenseInput = z.input<typeof revokeLicenseSchema>;
