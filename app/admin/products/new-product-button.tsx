"use client";

import { useState, type FormEvent } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { fieldError } from "@/components/forms/field-error";
import { FormDialog } from "@/components/forms/form-dialog";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { createProductAction } from "./actions";

function channelList(raw: string): string[] {
  return raw
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
}

export function NewProductButton() {
  const [open, setOpen] = useState(false);
  const create = useServerAction(createProductAction, {
    success: (product) => `Product ${product.slug} created.`,
  });
  const errors = create.fieldErrors;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.run(
      {
        slug: String(form.get("slug") ?? "").trim(),
        name: String(form.get("name") ?? ""),
        description: String(form.get("description") ?? ""),
        channels: channelList(String(form.get("channels") ?? "")),
      },
      {
        onSuccess: (result) => {
          if (result.ok) setOpen(false);
        },
      },
    );
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>New product</Button>
      {open ? (
        <FormDialog
          title="New product"
          formId="new-product-form"
          submitLabel="Create product"
          pendingLabel="Creating…"
          pending={create.pending}
          error={Object.keys(errors).length === 0 ? create.error : null}
          errorTitle="The product was not created"
          onClose={() => setOpen(false)}
          onSubmit={submit}
        >
          <TextField
            label="Slug"
            name="slug"
            required
            autoComplete="off"
            placeholder="acme-agent"
            hint="Lowercase letters, digits and dashes; used in URLs and storage keys."
            error={errors.slug}
          />
          <TextField
            label="Name"
            name="name"
            required
            placeholder="Acme Agent"
            error={errors.name}
          />
          <TextAreaField
            label="Description"
            name="description"
            rows={2}
            error={errors.description}
          />
          <TextField
            label="Channels"
            name="channels"
            defaultValue="stable, beta"
            hint="Comma-separated, e.g. stable, beta, lts."
            error={fieldError(errors, "channels")}
          />
        </FormDialog>
      ) : null}
    </>
  );
}
