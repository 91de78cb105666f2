"use client";

import { useState, type FormEvent } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { withStepUp } from "@/components/forms/with-step-up";
import { SecretOnceDialog } from "@/components/licensing/secret-once-dialog";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/page";
import { createWebhookEndpointAction } from "./actions";

const createWithStepUp = withStepUp(createWebhookEndpointAction);

export interface EventGroup {
  family: string;
  label: string;
  actions: string[];
}

export function NewWebhookButton({ groups }: { groups: EventGroup[] }) {
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const create = useServerAction(createWithStepUp, { success: "Webhook endpoint added." });
  const errors = create.fieldErrors;
  const eventsError = Object.entries(errors).find(
    ([p]) => p === "events" || p.startsWith("events."),
  )?.[1];
  const unplaced = create.error && !errors.name && !errors.url && !eventsError;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.run(
      {
        name: String(form.get("name") ?? ""),
        url: String(form.get("url") ?? ""),
        events: form.getAll("events").map(String),
      },
      {
        onSuccess: (result) => {
          if (!result.ok) return;
          setOpen(false);
          setSecret(result.data.secret);
        },
      },
    );
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>New endpoint</Button>
      {open ? (
        <Dialog
          open
          title="New webhook endpoint"
          onClose={() => setOpen(false)}
          actions={
            <Button type="submit" form="new-webhook-form" disabled={create.pending}>
              {create.pending ? "Adding…" : "Add endpoint"}
            </Button>
          }
        >
          <form id="new-webhook-form" onSubmit={submit} className="space-y-5" noValidate>
            {unplaced ? (
              <Notice tone="error" title="The endpoint was not added">
                {create.error}
              </Notice>
            ) : null}
            <TextField label="Name" name="name" required autoComplete="off" error={errors.name} />
            <TextField
              label="URL"
              name="url"
              type="url"
              required
              autoComplete="off"
              placeholder="https://siem.example.com/hooks/tollgate"
              error={errors.url}
            />
            <fieldset className="space-y-3">
              <legend className="text-sm font-medium text-slate-700">Events</legend>
              {groups.map((g) => (
                <div key={g.family} className="space-y-1">
                  <label className="flex items-center gap-2 text-sm font-medium">
                    <input type="checkbox" name="events" value={`${g.family}.*`} />
                    <span>
                      {g.label}: all, including future ones{" "}
                      <span className="font-mono text-xs">({g.family}.*)</span>
                    </span>
                  </label>
                  <div className="ml-6 flex flex-wrap gap-x-4 gap-y-1">
                    {g.actions.map((a) => (
                      <label key={a} className="flex items-center gap-1 text-sm">
                        <input type="checkbox" name="events" value={a} />
                        <span className="font-mono text-xs">{a}</span>
                      </label>
                    ))}
                  </div>
                </div>
              ))}
              {eventsError ? (
                <p role="alert" className="text-sm text-red-600">
                  {eventsError}
                </p>
              ) : null}
            </fieldset>
            <p className="text-xs text-slate-500">
              You will be asked to confirm with your security key.
            </p>
          </form>
        </Dialog>
      ) : null}
      {secret ? (
        <SecretOnceDialog
          title="Webhook endpoint added"
          label="Signing secret"
          secret={secret}
          onClose={() => setSecret(null)}
        >
          <p>
            Every delivery carries a <span className="font-mono">Tollgate-Signature</span> header
            made with this secret; the receiver checks it as described in the audit documentation.
          </p>
        </SecretOnceDialog>
      ) : null}
    </>
  );
}
