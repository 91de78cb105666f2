// Customers leave the domain with their contact data decrypted (for those allowed to read it);
// the audit trail sees only whether a contact field is set, never its value, so the trail does
// not become an unencrypted copy of the data.
import type { Customer } from "@/lib/generated/prisma/client";
import { ENCRYPTED_FIELDS } from "@/lib/crypto/encrypted-columns";
import { decryptOptional, encryptOptional } from "@/lib/crypto/field-encryption";

export interface CustomerView {
  id: string;
  slug: string;
  name: string;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  notes: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface Contacts {
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
}

export function encryptContacts(contacts: Partial<Contacts>): Partial<Contacts> {
  const out: Partial<Contacts> = {};
  if (contacts.contactName !== undefined) {
    out.contactName = encryptOptional(contacts.contactName, ENCRYPTED_FIELDS.customerContactName);
  }
  if (contacts.contactEmail !== undefined) {
    out.contactEmail = encryptOptional(
      contacts.contactEmail,
      ENCRYPTED_FIELDS.customerContactEmail,
    );
  }
  if (contacts.contactPhone !== undefined) {
    out.contactPhone = encryptOptional(
      contacts.contactPhone,
      ENCRYPTED_FIELDS.customerContactPhone,
    );
  }
  return out;
}

export function toCustomerView(row: Customer): CustomerView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    contactName: decryptOptional(row.contactName, ENCRYPTED_FIELDS.customerContactName),
    contactEmail: decryptOptional(row.contactEmail, ENCRYPTED_FIELDS.customerContactEmail),
    contactPhone: decryptOptional(row.contactPhone, ENCRYPTED_FIELDS.customerContactPhone),
    notes: row.notes,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const ENCRYPTED = "[encrypted]";
const masked = (v: string | null) => (v === null ? null : ENCRYPTED);

export function customerSnapshot(view: CustomerView) {
  return {
    id: view.id,
    slug: view.slug,
    name: view.name,
    contactName: masked(view.contactName),
    contactEmail: masked(view.contactEmail),
    contactPhone: masked(view.contactPhone),
    notes: view.notes,
  };
}

// Which fields an edit changed, by plaintext comparison, so the trail shows that a contact
// changed even though both sides read "[encrypted]".
export function changedFields(before: CustomerView, after: CustomerView): string[] {
  const keys = ["slug", "name", "contactName", "contactEmail", "contactPhone", "notes"] as const;
  return keys.filter((k) => before[k] !== after[k]);
}
