import { z } from "zod";
import { storableString } from "@/lib/http/storable-text";
import { pageLimitSchema } from "./schema-parts";

export const listCustomersSchema = z.object({
  // Name or slug, substring, any case. Contacts are encrypted and so not searchable.
  search: storableString().trim().max(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: pageLimitSchema.optional(),
});

export type ListCustomersInput = z.input<typeof listCustomersSchema>;
