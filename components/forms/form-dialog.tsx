"use client";

import type { FormEvent, ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/page";

// A form in a modal: the submit button sits in the dialog's footer (tied to the form by its id),
// and an error no field can show goes in a notice above the fields. Mount it only while open:
// the fields' ids would otherwise repeat when a page holds several such dialogs.
export function FormDialog({
  title,
  formId,
  submitLabel,
  pendingLabel,
  pending,
  error,
  errorTitle,
  onClose,
  onSubmit,
  children,
}: {
  title: string;
  formId: string;
  submitLabel: string;
  pendingLabel: string;
  pending: boolean;
  // The top-level error, when it belongs to no field.
  error: string | null;
  errorTitle: string;
  onClose: () => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}) {
  return (
    <Dialog
      open
      title={title}
      onClose={onClose}
      actions={
        <Button type="submit" form={formId} disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </Button>
      }
    >
      <form id={formId} onSubmit={onSubmit} className="space-y-4" noValidate>
        {error ? (
          <Notice tone="error" title={errorTitle}>
            {error}
          </Notice>
        ) : null}
        {children}
      </form>
    </Dialog>
  );
}
