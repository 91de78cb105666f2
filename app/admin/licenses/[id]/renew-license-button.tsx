"use client";

import { useState, type FormEvent } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { formatDate } from "@/components/ui/format";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/page";
import { renewLicenseAction } from "./actions";

export function RenewLicenseButton({
  licenseId,
  expiresAt,
  suggested,
}: {
  licenseId: string;
  expiresAt: Date;
  // The date the form proposes (YYYY-MM-DD), chosen by the page.
  suggested: string;
}) {
  const [open, setOpen] = useState(false);
  const renew = useServerAction(renewLicenseAction, {
    success: (license) => `License renewed until ${formatDate(license.expiresAt)}.`,
  });
  const errors = renew.fieldErrors;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const reason = String(form.get("reason") ?? "").trim();
    renew.run(
      { licenseId, expiresAt: String(form.get("expiresAt") ?? ""), reason: reason || undefined },
      {
        onSuccess: (result) => {
          if (result.ok) setOpen(false);
        },
      },
    );
  }

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Renew
      </Button>
      {open ? (
        <Dialog
          open
          title="Renew license"
          onClose={() => setOpen(false)}
          actions={
            <Button type="submit" form="renew-license-form" disabled={renew.pending}>
              {renew.pending ? "Renewing…" : "Renew license"}
            </Button>
          }
        >
          <form id="renew-license-form" onSubmit={submit} className="space-y-4" noValidate>
            {renew.error && !errors.expiresAt && !errors.reason ? (
              <Notice tone="error" title="The license was not renewed">
                {renew.error}
              </Notice>
            ) : null}
            <p>
              It currently expires on <strong>{formatDate(expiresAt)}</strong>. A renewal only
              extends; to shorten the term, edit the license.
            </p>
            <TextField
              label="New expiry date"
              name="expiresAt"
              type="date"
              required
              defaultValue={suggested}
              error={errors.expiresAt}
            />
            <TextAreaField
              label="Reason"
              name="reason"
              rows={2}
              maxLength={500}
              hint="Optional; recorded in the audit trail (e.g. the order number)."
              error={errors.reason}
            />
          </form>
        </Dialog>
      ) : null}
    </>
  );
}
