// Every encrypted column in the database. Re-encryption walks this list, so a column that is
// encrypted but missing here would keep its old key forever: add new ones here.
import type { FieldContext } from "./field-encryption";

export const ENCRYPTED_FIELDS = {
  customerContactName: { table: "Customer", column: "contactName" },
  customerContactEmail: { table: "Customer", column: "contactEmail" },
  customerContactPhone: { table: "Customer", column: "contactPhone" },
  licenseKey: { table: "License", column: "keyCiphertext" },
  webhookSecret: { table: "WebhookEndpoint", column: "secretCiphertext" },
} as const satisfies Record<string, FieldContext>;

export const ENCRYPTED_COLUMNS: readonly FieldContext[] = Object.values(ENCRYPTED_FIELDS);
