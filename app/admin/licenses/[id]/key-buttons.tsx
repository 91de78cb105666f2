"use client";

import { useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { SecretOnceDialog } from "@/components/licensing/secret-once-dialog";
import { withStepUp } from "@/components/forms/with-step-up";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { rotateLicenseKeyAction, revealLicenseKeyAction } from "./actions";

const rotateWithStepUp = withStepUp(rotateLicenseKeyAction);
const revealWithStepUp = withStepUp(revealLicenseKeyAction);

// Both need a fresh security key check; the browser asks for it when the server does.
export function RotateKeyButton({ licenseId }: { licenseId: string }) {
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState<string | null>(null);
  const rotate = useServerAction(rotateWithStepUp, { success: "New license key issued." });
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Rotate key
      </Button>
      {open ? (
        <ConfirmDialog
          open
          title="Issue a new license key?"
          message={
            <p>
              The current key stops working at once: the customer must put the new key into every
              update agent. You will be asked to confirm with your security key.
            </p>
          }
          confirmLabel="Rotate key"
          pending={rotate.pending}
          onClose={() => setOpen(false)}
          onConfirm={() =>
            rotate.run(
              { licenseId },
              {
                onSuccess: (result) => {
                  setOpen(false);
                  if (result.ok) setKey(result.data.key);
                },
              },
            )
          }
        />
      ) : null}
      {key ? (
        <SecretOnceDialog
          title="New license key"
          label="License key"
          secret={key}
          onClose={() => setKey(null)}
        />
      ) : null}
    </>
  );
}

export function RevealKeyButton({ licenseId }: { licenseId: string }) {
  const [key, setKey] = useState<string | null>(null);
  const reveal = useServerAction(revealWithStepUp, { refresh: true });
  return (
    <>
      <Button
        variant="ghost"
        disabled={reveal.pending}
        onClick={() =>
          reveal.run(
            { licenseId },
            {
              onSuccess: (result) => {
                if (result.ok) setKey(result.data.key);
              },
            },
          )
        }
      >
        {reveal.pending ? "Checking…" : "Reveal key"}
      </Button>
      {key ? (
        <SecretOnceDialog
          title="License key"
          label="License key"
          secret={key}
          warningTitle="Recorded in the audit trail"
          warning="This view of the key is recorded under your name. Close this dialog when you are done; staff with the same permission can reveal it again."
          onClose={() => setKey(null)}
        />
      ) : null}
    </>
  );
}
