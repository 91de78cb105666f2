"use client";

import { usePathname, useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormDialog } from "@/components/forms/form-dialog";
import { useServerAction } from "@/components/forms/use-server-action";
import { CopyButton } from "@/components/licensing/copy-button";
import { SecretOnceDialog } from "@/components/licensing/secret-once-dialog";
import { withStepUp } from "@/components/forms/with-step-up";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { PERMISSIONS, type Permission } from "@/lib/authz/permissions";
import { createApiClientAction } from "./actions";
import { LicensePicker, type LicenseOption } from "./license-picker";

type Kind = "AGENT" | "PIPELINE";

const createWithStepUp = withStepUp(createApiClientAction);

const KINDS: { value: Kind; label: string; description: string }[] = [
  {
    value: "AGENT",
    label: "Update agent",
    description: "Installed at a customer; asks for and downloads the updates its license allows.",
  },
  {
    value: "PIPELINE",
    label: "Build pipeline",
    description:
      "Your CI: creates releases and uploads artifacts; tick publish and yank only for the pipeline that ships.",
  },
];

const PLACED = ["kind", "name", "licenseId", "scopes"];

export function NewApiClientButton({
  scopes,
  ticked,
  initialOpen,
  initialLicense,
}: {
  scopes: Record<Kind, readonly Permission[]>;
  // Least privilege: what starts ticked (a pipeline's publish and yank do not).
  ticked: Record<Kind, readonly Permission[]>;
  initialOpen: boolean;
  initialLicense: LicenseOption | null;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [open, setOpen] = useState(initialOpen);
  const [kind, setKind] = useState<Kind>("AGENT");
  const [created, setCreated] = useState<{ clientId: string; secret: string } | null>(null);
  const create = useServerAction(createWithStepUp, {
    success: (data) => `API client ${data.client.name} created.`,
  });
  const errors = create.fieldErrors;
  const unplaced =
    create.error &&
    !Object.keys(errors).some((p) => PLACED.some((f) => p === f || p.startsWith(`${f}.`)));
  const scopeError = Object.entries(errors).find(
    ([p]) => p === "scopes" || p.startsWith("scopes."),
  )?.[1];

  function close() {
    setOpen(false);
    if (initialOpen) router.replace(pathname);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const common = {
      name: String(form.get("name") ?? ""),
      scopes: form.getAll("scopes").map(String),
    };
    create.run(
      kind === "AGENT"
        ? { kind, licenseId: String(form.get("licenseId") ?? ""), ...common }
        : { kind, ...common },
      {
        onSuccess: (result) => {
          if (!result.ok) return;
          setOpen(false);
          setCreated({ clientId: result.data.client.clientId, secret: result.data.secret });
        },
      },
    );
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>New API client</Button>
      {open ? (
        <FormDialog
          title="New API client"
          formId="new-api-client-form"
          submitLabel="Create client"
          pendingLabel="Creating…"
          pending={create.pending}
          error={unplaced ? create.error : null}
          errorTitle="The client was not created"
          onClose={close}
          onSubmit={submit}
        >
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-700">Kind</legend>
            {KINDS.map((k) => (
              <label key={k.value} className="flex items-start gap-2 text-sm">
                <input
                  type="radio"
                  name="kind"
                  value={k.value}
                  checked={kind === k.value}
                  onChange={() => setKind(k.value)}
                  className="mt-1"
                />
                <span>
                  <span className="font-medium">{k.label}</span>
                  <span className="block text-xs text-slate-500">{k.description}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <TextField
            label="Name"
            name="name"
            required
            autoComplete="off"
            placeholder={kind === "AGENT" ? "Globex production agents" : "GitHub Actions"}
            error={errors.name}
          />
          {kind === "AGENT" ? (
            <LicensePicker initial={initialLicense} error={errors.licenseId} />
          ) : null}
          <fieldset className="space-y-2" key={kind}>
            <legend className="text-sm font-medium text-slate-700">Scopes</legend>
            {scopes[kind].map((scope) => (
              <label key={scope} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope}
                  defaultChecked={ticked[kind].includes(scope)}
                  className="mt-1"
                />
                <span>
                  <span className="font-mono">{scope}</span>
                  <span className="block text-xs text-slate-500">{PERMISSIONS[scope]}</span>
                </span>
              </label>
            ))}
            {scopeError ? (
              <p role="alert" className="text-sm text-red-600">
                {scopeError}
              </p>
            ) : null}
          </fieldset>
          <p className="text-xs text-slate-500">
            You will be asked to confirm with your security key.
          </p>
        </FormDialog>
      ) : null}
      {created ? (
        <SecretOnceDialog
          title="API client created"
          label="Client secret"
          secret={created.secret}
          onClose={() => {
            setCreated(null);
            if (initialOpen) router.replace(pathname);
          }}
        >
          <p className="mb-1 font-medium">Client ID</p>
          <div className="flex flex-wrap items-center gap-3">
            <code data-testid="client-id" className="font-mono">
              {created.clientId}
            </code>
            <CopyButton value={created.clientId} label="Copy ID" />
          </div>
          <p className="mt-2 text-slate-600">
            The client exchanges its ID and secret for short-lived access tokens at{" "}
            <span className="font-mono">/api/oauth/token</span>.
          </p>
        </SecretOnceDialog>
      ) : null}
    </>
  );
}
