"use client";

import { useState } from "react";
import { ConfirmActionButton } from "@/components/forms/confirm-action-button";
import { useServerAction } from "@/components/forms/use-server-action";
import { SecretOnceDialog } from "@/components/licensing/secret-once-dialog";
import { formatDateTime } from "@/components/ui/format";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { SelectField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/http/action";
import type { RevokeApiClientInput } from "@/lib/oauth/revoke-api-client.schema";
import type { RotatedApiClientSecret } from "@/lib/oauth/rotate-api-client-secret";
import type { RotateApiClientSecretInput } from "@/lib/oauth/rotate-api-client-secret.schema";

// Rotate and revoke for an API client, shared by the staff page (/admin/api-clients, with a
// step-up wrapped action) and the customer portal (/portal/agents): each passes its own server
// action; the dialogs, overlap choices and the shown-once secret are the same.

const OVERLAPS = [
  { value: "86400", label: "24 hours (default)" },
  { value: "3600", label: "1 hour" },
  { value: "604800", label: "7 days" },
  { value: "0", label: "None: the old secret stops now (it leaked)" },
];

export function RotateSecretButton({
  id,
  name,
  action,
  confirmNote = "",
}: {
  id: string;
  name: string;
  action: (input: RotateApiClientSecretInput) => Promise<ActionResult<RotatedApiClientSecret>>;
  confirmNote?: string;
}) {
  const [open, setOpen] = useState(false);
  const [overlap, setOverlap] = useState("86400");
  const [rotated, setRotated] = useState<{ secret: string; until: Date; overlap: number } | null>(
    null,
  );
  const rotate = useServerAction(action, { success: `New secret issued for ${name}.` });
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
                A new secret is issued. The current secrets keep working for the overlap you choose,
                so the clients can be reconfigured without an outage.
                {confirmNote ? ` ${confirmNote}` : ""}
              </p>
              <SelectField
                label="Old secrets keep working for"
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
              <strong>{formatDateTime(rotated.until)}</strong>: put the new one into every client
              before then.
            </p>
          ) : (
            <p>The previous secret no longer works.</p>
          )}
        </SecretOnceDialog>
      ) : null}
    </>
  );
}

export function RevokeClientButton({
  id,
  name,
  action,
}: {
  id: string;
  name: string;
  action: (input: RevokeApiClientInput) => Promise<ActionResult<unknown>>;
}) {
  return (
    <ConfirmActionButton
      label="Revoke"
      ariaLabel={`Revoke ${name}`}
      variant="danger"
      danger
      title={`Revoke ${name}?`}
      message="The client and all its secrets stop working at once, including access tokens it already holds. This cannot be undone."
      confirmLabel="Revoke client"
      action={action}
      input={{ apiClientId: id }}
      withReason
      success={`${name} revoked.`}
    />
  );
}
