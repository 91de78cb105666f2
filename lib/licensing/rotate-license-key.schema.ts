import type { z } from "zod";
import { licenseActionSchema } from "./schema-parts";

export const rotateLicenseKeySchema = licenseActionSchema;

export type RotateLicenseKeyInput = z.input<typeof rotateLicenseKeySchema>;
