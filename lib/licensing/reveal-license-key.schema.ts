import type { z } from "zod";
import { licenseActionSchema } from "./schema-parts";

export const revealLicenseKeySchema = licenseActionSchema;

export type RevealLicenseKeyInput = z.input<typeof revealLicenseKeySchema>;
