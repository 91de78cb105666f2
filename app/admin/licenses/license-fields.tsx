import { SelectField, TextAreaField, TextField } from "@/components/ui/field";

export interface LicenseFieldValues {
  expiresAt: string;
  expiryBehavior: "ACCESS_STOPS" | "MAINTENANCE";
  maxMachines: string;
  notes: string;
}

export const LICENSE_FIELDS = ["expiresAt", "expiryBehavior", "maxMachines", "notes"] as const;

export function readLicenseFields(form: FormData): LicenseFieldValues {
  return {
    expiresAt: String(form.get("expiresAt") ?? ""),
    expiryBehavior: form.get("expiryBehavior") === "MAINTENANCE" ? "MAINTENANCE" : "ACCESS_STOPS",
    maxMachines: String(form.get("maxMachines") ?? ""),
    notes: String(form.get("notes") ?? ""),
  };
}

// Expiry, what expiry means, the machine limit and notes: shared by the new and edit forms.
export function LicenseFields({
  initial,
  errors,
}: {
  initial: LicenseFieldValues;
  errors: Record<string, string>;
}) {
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Expires on"
          name="expiresAt"
          type="date"
          required
          defaultValue={initial.expiresAt}
          hint="At the start of this day (UTC)."
          error={errors.expiresAt}
        />
        <TextField
          label="Maximum machines"
          name="maxMachines"
          inputMode="numeric"
          autoComplete="off"
          placeholder="No limit"
          defaultValue={initial.maxMachines}
          hint="Blank for no limit."
          error={errors.maxMachines}
        />
      </div>
      <SelectField
        label="When it expires"
        name="expiryBehavior"
        defaultValue={initial.expiryBehavior}
        error={errors.expiryBehavior}
        options={[
          { value: "ACCESS_STOPS", label: "Access stops: no more updates" },
          {
            value: "MAINTENANCE",
            label: "Maintenance ends: keeps releases published before the expiry",
          },
        ]}
      />
      <TextAreaField
        label="Notes"
        name="notes"
        rows={2}
        defaultValue={initial.notes}
        error={errors.notes}
      />
    </div>
  );
}
