"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { FormDialog } from "@/components/forms/form-dialog";
import { Button } from "@/components/ui/button";
import { Field, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { createReleaseAction } from "./actions";

const FIELDS = ["version", "channel", "notes", "minimumVersion", "critical"];

export function NewReleaseButton({ product, channels }: { product: string; channels: string[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const create = useServerAction(createReleaseAction, {
    success: (release) => `Draft ${release.version} created.`,
    refresh: false,
  });
  const errors = create.fieldErrors;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const minimumVersion = String(form.get("minimumVersion") ?? "").trim();
    create.run(
      {
        product,
        version: String(form.get("version") ?? "").trim(),
        channel: String(form.get("channel") ?? ""),
        notes: String(form.get("notes") ?? ""),
        critical: form.get("critical") === "on",
        minimumVersion: minimumVersion || null,
      },
      {
        onSuccess: (result) => {
          if (result.ok) router.push(`/admin/products/${product}/releases/${result.data.id}`);
        },
      },
    );
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>New release</Button>
      {open ? (
        <FormDialog
          title={`New release of ${product}`}
          formId="new-release-form"
          submitLabel="Create draft"
          pendingLabel="Creating…"
          pending={create.pending}
          error={FIELDS.some((f) => errors[f]) ? null : create.error}
          errorTitle="The release was not created"
          onClose={() => setOpen(false)}
          onSubmit={submit}
        >
          <p className="text-slate-600">
            A new release is a draft: agents and customers see it only once it is published.
          </p>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label="Version"
              name="version"
              required
              autoComplete="off"
              placeholder="3.0.0"
              hint="Semantic version, e.g. 3.0.0 or 3.1.0-rc.1."
              error={errors.version}
            />
            <SelectField
              label="Channel"
              name="channel"
              defaultValue={channels.includes("stable") ? "stable" : channels[0]}
              options={channels.map((c) => ({ value: c, label: c }))}
              error={errors.channel}
            />
          </div>
          <TextAreaField
            label="Release notes"
            name="notes"
            rows={6}
            hint="Markdown. Shown to staff and customers; HTML is not rendered."
            error={errors.notes}
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label="Minimum version"
              name="minimumVersion"
              autoComplete="off"
              placeholder="optional, e.g. 2.0.0"
              hint="Older installs must update to this version first."
              error={errors.minimumVersion}
            />
            <Field label="Critical update" name="critical" error={errors.critical}>
              {({ id, name }) => (
                <label className="flex items-center gap-2 pt-2 text-sm text-slate-700">
                  <input id={id} name={name} type="checkbox" className="size-4" />
                  Agents should install it as soon as possible
                </label>
              )}
            </Field>
          </div>
        </FormDialog>
      ) : null}
    </>
  );
}
