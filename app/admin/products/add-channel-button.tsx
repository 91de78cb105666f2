"use client";

import { useState, type FormEvent } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { FormDialog } from "@/components/forms/form-dialog";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { createChannelAction } from "./actions";

export function AddChannelButton({
  product,
  productName,
}: {
  product: string;
  productName: string;
}) {
  const [open, setOpen] = useState(false);
  const add = useServerAction(createChannelAction, {
    success: (channel) => `Channel ${channel.name} added to ${channel.product}.`,
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "").trim();
    add.run(
      { product, name },
      {
        onSuccess: (result) => {
          if (result.ok) setOpen(false);
        },
      },
    );
  }

  return (
    <>
      <Button
        variant="secondary"
        onClick={() => setOpen(true)}
        aria-label={`Add channel to ${productName}`}
      >
        Add channel
      </Button>
      {open ? (
        <FormDialog
          title={`Add a channel to ${productName}`}
          formId={`add-channel-${product}`}
          submitLabel="Add channel"
          pendingLabel="Adding…"
          pending={add.pending}
          error={add.fieldErrors.name ? null : add.error}
          errorTitle="The channel was not added"
          onClose={() => setOpen(false)}
          onSubmit={submit}
        >
          <TextField
            label="Channel name"
            name="name"
            required
            autoComplete="off"
            placeholder="lts"
            hint="Lowercase letters, digits, . _ - (at most 32)."
            error={add.fieldErrors.name}
          />
        </FormDialog>
      ) : null}
    </>
  );
}
