"use client";

import { useState, type FormEvent } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/page";
import type { EntitlementView } from "@/lib/licensing/license-view";
import { isPlacedError, parseList, type ProductOption } from "../entitlement-form";
import { transferLicenseAction } from "./actions";

const PLACED = ["fromProductId", "toProductId", "channels", "platforms", "reason"];

// Moves one entitlement to another product (an upgrade to a different edition, say). Channels
// default to those of the current entitlement that the target product also has.
export function TransferLicenseButton({
  licenseId,
  entitlements,
  products,
}: {
  licenseId: string;
  entitlements: EntitlementView[];
  products: ProductOption[];
}) {
  const [open, setOpen] = useState(false);
  const [fromId, setFromId] = useState(entitlements[0]?.productId ?? "");
  const targets = products.filter((p) => !entitlements.some((e) => e.productId === p.id));
  const [toId, setToId] = useState(targets[0]?.id ?? "");
  const transfer = useServerAction(transferLicenseAction, { success: "License transferred." });
  const errors = transfer.fieldErrors;
  const from = entitlements.find((e) => e.productId === fromId);
  const to = targets.find((p) => p.id === toId);
  const unplaced = transfer.error && !Object.keys(errors).some((p) => isPlacedError(p, PLACED));
  const channelError = Object.entries(errors).find(([p]) => isPlacedError(p, ["channels"]))?.[1];
  const platformError = Object.entries(errors).find(([p]) => isPlacedError(p, ["platforms"]))?.[1];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const reason = String(form.get("reason") ?? "").trim();
    transfer.run(
      {
        licenseId,
        fromProductId: fromId,
        toProductId: toId,
        channels: form.getAll("channels").map(String),
        platforms: parseList(String(form.get("platforms") ?? "")),
        reason: reason || undefined,
      },
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
        Transfer
      </Button>
      {open ? (
        <Dialog
          open
          title="Transfer to another product"
          onClose={() => setOpen(false)}
          actions={
            <Button
              type="submit"
              form="transfer-license-form"
              disabled={transfer.pending || !to || !from}
            >
              {transfer.pending ? "Transferring…" : "Transfer"}
            </Button>
          }
        >
          <form id="transfer-license-form" onSubmit={submit} className="space-y-4" noValidate>
            {unplaced ? (
              <Notice tone="error" title="The license was not transferred">
                {transfer.error}
              </Notice>
            ) : null}
            {targets.length === 0 ? (
              <Notice tone="info" title="Nothing to transfer to">
                The license is already entitled to every product.
              </Notice>
            ) : null}
            <div className="grid gap-4 sm:grid-cols-2">
              <SelectField
                label="From product"
                name="fromProductId"
                value={fromId}
                onChange={(e) => setFromId(e.target.value)}
                error={errors.fromProductId}
                options={entitlements.map((e) => ({ value: e.productId, label: e.productName }))}
              />
              <SelectField
                label="To product"
                name="toProductId"
                value={toId}
                onChange={(e) => setToId(e.target.value)}
                error={errors.toProductId}
                options={targets.map((p) => ({ value: p.id, label: p.name }))}
              />
            </div>
            {to && from ? (
              <div role="group" aria-label={`Channels of ${to.name}`} key={`${fromId}-${toId}`}>
                <p className="text-sm font-medium text-slate-700">Channels</p>
                <div className="mt-1 flex flex-wrap gap-4">
                  {to.channels.map((c) => (
                    <label key={c} className="flex items-center gap-1.5 text-sm">
                      <input
                        type="checkbox"
                        name="channels"
                        value={c}
                        defaultChecked={from.channels.includes(c)}
                      />
                      {c}
                    </label>
                  ))}
                </div>
                {channelError ? (
                  <p role="alert" className="mt-1 text-sm text-red-600">
                    {channelError}
                  </p>
                ) : null}
              </div>
            ) : null}
            <TextField
              label="Platforms"
              name="platforms"
              autoComplete="off"
              defaultValue={from?.platforms.join(", ") ?? ""}
              placeholder="linux/x64, darwin/arm64"
              hint="Leave blank for every platform."
              error={platformError}
            />
            <TextAreaField
              label="Reason"
              name="reason"
              rows={2}
              maxLength={500}
              hint="Optional; recorded in the audit trail."
              error={errors.reason}
            />
          </form>
        </Dialog>
      ) : null}
    </>
  );
}
