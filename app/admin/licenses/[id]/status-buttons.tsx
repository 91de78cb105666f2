"use client";

import { useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { TextAreaField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/http/action";
import { reinstateLicenseAction, revokeLicenseAction, suspendLicenseAction } from "./actions";

type StatusAction = (input: {
  licenseId: string;
  reason?: string;
}) => Promise<ActionResult<unknown>>;

// A status change behind a confirmation, with an optional reason for the audit trail.
function StatusChangeButton({
  licenseId,
  action,
  label,
  title,
  message,
  confirmLabel,
  success,
  danger = false,
}: {
  licenseId: string;
  action: StatusAction;
  label: string;
  title: string;
  message: string;
  confirmLabel: string;
  success: string;
  danger?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const change = useServerAction(action, { success });
  return (
    <>
      <Button variant={danger ? "danger" : "secondary"} onClick={() => setOpen(true)}>
        {label}
      </Button>
      {open ? (
        <ConfirmDialog
          open
          danger={danger}
          title={title}
          message={
            <div className="space-y-3">
              <p>{message}</p>
              <TextAreaField
                label="Reason"
                name="reason"
                rows={2}
                maxLength={500}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                hint="Optional; recorded in the audit trail."
                error={change.fieldErrors.reason}
              />
            </div>
          }
          confirmLabel={confirmLabel}
          pending={change.pending}
          onClose={() => setOpen(false)}
          onConfirm={() =>
            change.run(
              { licenseId, reason: reason.trim() || undefined },
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

export function SuspendButton({ licenseId }: { licenseId: string }) {
  return (
    <StatusChangeButton
      licenseId={licenseId}
      action={suspendLicenseAction}
      label="Suspend"
      title="Suspend this license?"
      message="The customer's update agents are refused from their next request until the license is reinstated."
      confirmLabel="Suspend license"
      success="License suspended."
    />
  );
}

export function ReinstateButton({ licenseId }: { licenseId: string }) {
  return (
    <StatusChangeButton
      licenseId={licenseId}
      action={reinstateLicenseAction}
      label="Reinstate"
      title="Reinstate this license?"
      message="The customer's update agents are served again from their next request, within the license's entitlements and expiry."
      confirmLabel="Reinstate license"
      success="License reinstated."
    />
  );
}

export function RevokeButton({ licenseId }: { licenseId: string }) {
  return (
    <StatusChangeButton
      licenseId={licenseId}
      action={revokeLicenseAction}
      danger
      label="Revoke"
      title="Revoke this license?"
      message="Revocation is permanent: the key stops working at the agents' next request, and the license can no longer be reinstated, renewed, edited or given a new key."
      confirmLabel="Revoke license"
      success="License revoked."
    />
  );
}
