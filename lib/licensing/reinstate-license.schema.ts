import type { z } from "zod";
import { licenseActionSchema } from "./schema-parts";

export const reinstateLicenseSchema = licenseActionSchema;

export type ReinstateLicenseInput = z.input<typeof reinstateLicenseSchema>;
