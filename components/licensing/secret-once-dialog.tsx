"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/page";
import { CopyButton } from "./copy-button";

// Shows a secret (a license key, a client secret): it lives only in this component's state,
// never in the page's server-rendered data or the URL. Most are shown once; a revealed license
// key can be revealed again, so its caller says that instead.
export function SecretOnceDialog({
  title,
  label,
  secret,
  warningTitle = "Shown once",
  warning = "Copy it now and hand it over securely. It will not be shown again.",
  children,
  onClose,
}: {
  title: string;
  label: string;
  secret: string;
  // A secret that can be shown again (a revealed license key) is not "shown once".
  warningTitle?: string;
  warning?: string;
  children?: ReactNode;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="secret-dialog-title"
      className="m-auto w-full max-w-xl rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="space-y-4 p-6">
        <h2 id="secret-dialog-title" className="text-lg font-semibold">
          {title}
        </h2>
        <Notice tone="warning" title={warningTitle}>
          {warning}
        </Notice>
        {children ? <div className="text-sm text-slate-700">{children}</div> : null}
        <div className="space-y-1">
          <p className="text-sm font-medium text-slate-700">{label}</p>
          <div className="flex flex-wrap items-center gap-3">
            <code
              data-testid="secret-value"
              className="rounded-md bg-slate-100 px-3 py-2 font-mono text-sm break-all text-slate-900 select-all"
            >
              {secret}
            </code>
            <CopyButton value={secret} />
          </div>
        </div>
        <div className="flex justify-end">
          <Button onClick={() => ref.current?.close()}>I have saved it</Button>
        </div>
      </div>
    </dialog>
  );
}
