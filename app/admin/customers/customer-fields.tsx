import { TextAreaField, TextField } from "@/components/ui/field";
import type { CustomerView } from "@/lib/licensing/customer-view";

export const CUSTOMER_FIELDS = [
  "slug",
  "name",
  "contactName",
  "contactEmail",
  "contactPhone",
  "notes",
] as const;

export type CustomerFieldName = (typeof CUSTOMER_FIELDS)[number];

// The form's values as the customer operations take them: "" clears an optional contact field.
export function customerFormValues(form: FormData): Record<CustomerFieldName, string> {
  const value = (name: CustomerFieldName) => String(form.get(name) ?? "");
  return {
    slug: value("slug").trim(),
    name: value("name"),
    contactName: value("contactName"),
    contactEmail: value("contactEmail").trim(),
    contactPhone: value("contactPhone"),
    notes: value("notes"),
  };
}

// The inputs shared by the new-customer and edit-customer forms, each with its field error.
export function CustomerFields({
  errors,
  initial,
}: {
  errors: Record<string, string>;
  initial?: CustomerView;
}) {
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Name"
          name="name"
          required
          placeholder="Globex Corporation"
          defaultValue={initial?.name}
          error={errors.name}
        />
        <TextField
          label="Slug"
          name="slug"
          required
          autoComplete="off"
          placeholder="globex"
          hint="Lower-case letters, digits and dashes."
          defaultValue={initial?.slug}
          error={errors.slug}
        />
      </div>
      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-slate-900">Contact</legend>
        <p className="text-xs text-slate-500">
          Stored encrypted; shown only to staff who may read customers.
        </p>
        <TextField
          label="Contact name"
          name="contactName"
          autoComplete="off"
          defaultValue={initial?.contactName ?? ""}
          error={errors.contactName}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Contact email"
            name="contactEmail"
            type="email"
            autoComplete="off"
            defaultValue={initial?.contactEmail ?? ""}
            error={errors.contactEmail}
          />
          <TextField
            label="Contact phone"
            name="contactPhone"
            type="tel"
            autoComplete="off"
            defaultValue={initial?.contactPhone ?? ""}
            error={errors.contactPhone}
          />
        </div>
      </fieldset>
      <TextAreaField
        label="Notes"
        name="notes"
        rows={3}
        defaultValue={initial?.notes}
        error={errors.notes}
      />
    </div>
  );
}

// A message that belongs to no field (a conflict, a refusal) goes in a notice above the form.
export function hasUnplacedError(error: string | null, errors: Record<string, string>): boolean {
  return Boolean(error) && !CUSTOMER_FIELDS.some((f) => errors[f]);
}
