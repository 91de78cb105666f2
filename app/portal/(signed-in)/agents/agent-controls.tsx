"use client";

import { useState, type FormEvent } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { SecretOnceDialog } from "@/components/licensing/secret-once-dialog";
import { FormDialog } from "@/components/releases/form-dialog";
import { formatDateTime } from "@/components/releases/format";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
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

const OVERLAPS = [
  { value: "86400", label: "24 hours (default)" },
  { value: "3600", label: "1 hour" },
  { value: "604800", label: "7 days" },
  { value: "0", label: "None: the old secret stops now (it leaked)" },
];

export function RotateAgentButton({ id, name }: { id: string; name: string }) {
  const [open, setOpen] = useState(false);
  const [overlap, setOverlap] = useState("86400");
  const [rotated, setRotated] = useState<{ secret: string; until: Date; overlap: number } | null>(
    null,
  );
  const rotate = useServerAction(rotateAgentSecretAction, { success: `New secret for ${name}.` });
  return (
    <>
      <Button
        variant="secondary"
        onClick={() => setOpen(true)}
        aria-label={`Rotate secret of ${name}`}
      >
        Rotate secret
      </Button>
      {open ? (
        <ConfirmDialog
          open
          title={`Rotate the secret of ${name}?`}
          message={
            <div className="space-y-3">
              <p>
                A new secret is issued. The current one keeps working for the overlap you choose, so
                your agents can be reconfigured without an outage.
              </p>
              <SelectField
                label="Old secret keeps working for"
                name="overlapSeconds"
                value={overlap}
                onChange={(e) => setOverlap(e.target.value)}
                options={OVERLAPS}
                error={rotate.fieldErrors.overlapSeconds}
              />
            </div>
          }
          confirmLabel="Issue new secret"
          pending={rotate.pending}
          onClose={() => setOpen(false)}
          onConfirm={() =>
            rotate.run(
              { apiClientId: id, overlapSeconds: Number(overlap) },
              {
                onSuccess: (result) => {
                  setOpen(false);
                  if (result.ok)
                    setRotated({
                      secret: result.data.secret,
                      until: result.data.previousSecretsExpireAt,
                      overlap: Number(overlap),
                    });
                },
              },
            )
          }
        />
      ) : null}
      {rotated ? (
        <SecretOnceDialog
          title={`New secret for ${name}`}
          label="Client secret"
          secret={rotated.secret}
          onClose={() => setRotated(null)}
        >
          {rotated.overlap > 0 ? (
            <p>
              The previous secret keeps working until{" "}
              <strong>{formatDateTime(rotated.until)}</strong>.
            </p>
          ) : (
            <p>The previous secret no longer works.</p>
          )}
        </SecretOnceDialog>
      ) : null}
    </>
  );
}

export function RevokeAgentButton({ id, name }: { id: string; name: string }) {
  const [open, setOpen] = useState(false);
  const revoke = useServerAction(revokeAgentAction, { success: `${name} revoked.` });
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)} aria-label={`Revoke ${name}`}>
        Revoke
      </Button>
      {open ? (
        <ConfirmDialog
          open
          danger
          title={`Revoke ${name}?`}
          message="The credential stops working at once, including tokens it already holds. This cannot be undone."
          confirmLabel="Revoke credential"
          pending={revoke.pending}
          onClose={() => setOpen(false)}
          onConfirm={() =>
            revoke.run(
              { apiClientId: id },
              {
                onSuccess: (result) => {
                  if (result.ok) setOpen(false);
                },
              },
            )
          }
        />
      ) : null}
    </>
  );
}
