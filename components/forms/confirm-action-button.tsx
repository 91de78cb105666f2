"use client";

import { useState, type ReactNode } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { TextAreaField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/http/action";
import { useServerAction } from "./use-server-action";

// A button that runs one server action after a confirmation: deleting a role or a boundary,
// suspending, reinstating or revoking a license, revoking an API client. `withReason` adds an
// optional reason the action records in the audit trail. The dialog closes when the action
// succeeds and stays open, with the field's error or a toast, when it does not. Disabled, with
// the policy's reason as its title, when the actor may not do it.
export function ConfirmActionButton<I extends object, O>({
  label,
  ariaLabel,
  variant = "secondary",
  disabledReason = null,
  title,
  message,
  confirmLabel,
  danger = false,
  action,
  input,
  withReason = false,
  success,
  onDone,
}: {
  label: string;
  ariaLabel?: string;
  variant?: ButtonVariant;
  disabledReason?: string | null;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  action: (input: I & { reason?: string }) => Promise<ActionResult<O>>;
  input: I;
  withReason?: boolean;
  success: string;
  onDone?: (data: O) => void;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const run = useServerAction(action, { success });
  const confirm = () =>
    run.run(withReason ? { ...input, reason: reason.trim() || undefined } : input, {
      onSuccess: (result) => {
        if (!result.ok) return;
        setOpen(false);
        onDone?.(result.data);
      },
    });
  return (
    <>
      <Button
        variant={variant}
        disabled={Boolean(disabledReason)}
        title={disabledReason ?? undefined}
        aria-label={ariaLabel}
        onClick={() => setOpen(true)}
      >
        {label}
      </Button>
      {open ? (
        <ConfirmDialog
          open
          danger={danger}
          title={title}
          message={
            withReason ? (
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
                  error={run.fieldErrors.reason}
                />
              </div>
            ) : (
              message
            )
          }
          confirmLabel={confirmLabel}
          pending={run.pending}
          onClose={() => setOpen(false)}
          onConfirm={confirm}
        />
      ) : null}
    </>
  );
}

// Deleting a named thing (a role, a boundary): the same words and the danger styling each time.
export function ConfirmDeleteButton<I extends object, O>({
  thing,
  name,
  message,
  disabledReason,
  action,
  input,
  onDone,
}: {
  // What is deleted, in lower case: "role", "boundary".
  thing: string;
  name: string;
  message: string;
  disabledReason: string | null;
  action: (input: I & { reason?: string }) => Promise<ActionResult<O>>;
  input: I;
  onDone?: (data: O) => void;
}) {
  return (
    <ConfirmActionButton
      label="Delete"
      variant="danger"
      danger
      disabledReason={disabledReason}
      title={`Delete the ${thing} ${name}?`}
      message={message}
      confirmLabel={`Delete ${thing}`}
      action={action}
      input={input}
      success={`${thing.charAt(0).toUpperCase()}${thing.slice(1)} ${name} deleted.`}
      onDone={onDone}
    />
  );
}
