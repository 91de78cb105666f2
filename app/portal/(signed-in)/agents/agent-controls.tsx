"use client";

import { useState, type FormEvent } from "react";
import { RevokeClientButton, RotateSecretButton } from "@/components/api-clients/secret-buttons";
import { useServerAction } from "@/components/forms/use-server-action";
import { SecretOnceDialog } from "@/components/licensing/secret-once-dialog";
import { FormDialog } from "@/components/forms/form-dialog";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { createAgentAction, revokeAgentAction, rotateAgentSecretAction } from "./actions";

function AgentSetup({ clientId }: { clientId: string }) {
  return (
    <div className="space-y-2">
      <p>
        Client id <code className="font-mono">{clientId}</code>. Give the agent both, for example:
      </p>
      <pre className="overflow-x-auto rounded-md bg-slate-100 p-3 text-xs">
        {`export TOLLGATE_CLIENT_ID=${clientId}\nexport TOLLGATE_CLIENT_SECRET=<the secret below>`}
      </pre>
    </div>
  );
}

export function CreateAgentButton({ licenses }: { licenses: { id: string; label: string }[] }) {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<{ clientId: string; secret: string; name: string } | null>(
    null,
  );
  const create = useServerAction(createAgentAction, { success: "Update agent created." });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.run(
      { name: String(form.get("name") ?? ""), licenseId: String(form.get("licenseId") ?? "") },
      {
        onSuccess: (result) => {
          if (!result.ok) return;
          setOpen(false);
          setCreated({
            clientId: result.data.client.clientId,
            secret: result.data.secret,
            name: result.data.client.name,
          });
        },
      },
    );
  }
  return (
    <>
      <Button onClick={() => setOpen(true)} disabled={licenses.length === 0}>
        New update agent
      </Button>
      {open ? (
        <FormDialog
          title="New update agent"
          formId="new-agent"
          submitLabel="Create credential"
          pendingLabel="Creating…"
          pending={create.pending}
          error={create.error && Object.keys(create.fieldErrors).length === 0 ? create.error : null}
          errorTitle="Could not create the agent"
          onClose={() => setOpen(false)}
          onSubmit={submit}
        >
          <TextField
            label="Name"
            name="name"
            required
            maxLength={200}
            hint="Where it runs, e.g. production web servers."
            error={create.fieldErrors.name}
          />
          <SelectField
            label="License"
            name="licenseId"
            options={licenses.map((l) => ({ value: l.id, label: l.label }))}
            error={create.fieldErrors.licenseId}
          />
        </FormDialog>
      ) : null}
      {created ? (
        <SecretOnceDialog
          title={`Credential for ${created.name}`}
          label="Client secret"
          secret={created.secret}
          onClose={() => setCreated(null)}
        >
          <AgentSetup clientId={created.clientId} />
        </SecretOnceDialog>
      ) : null}
    </>
  );
}

export function RotateAgentButton({ id, name }: { id: string; name: string }) {
  return <RotateSecretButton id={id} name={name} action={rotateAgentSecretAction} />;
}

export function RevokeAgentButton({ id, name }: { id: string; name: string }) {
  return <RevokeClientButton id={id} name={name} action={revokeAgentAction} />;
}
