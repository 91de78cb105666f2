"use client";

import { useState, type FormEvent } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { dateInputValue } from "@/components/ui/format";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/page";
import type { LicenseView } from "@/lib/licensing/license-view";
import { isPlacedError, readEntitlements, type ProductOption } from "../entitlement-form";
import { EntitlementsFieldset } from "../entitlements-fieldset";
import { LICENSE_FIELDS, LicenseFields, readLicenseFields } from "../license-fields";
import { updateLicenseAction } from "./actions";

const PLACED = ["entitlements", ...LICENSE_FIELDS];

export function EditLicenseButton({
  license,
  products,
}: {
  license: LicenseView;
  products: ProductOption[];
}) {
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState<string[]>([]);
  const update = useServerAction(updateLicenseAction, { success: "License saved." });
  const errors = update.fieldErrors;
  const unplaced = update.error && !Object.keys(errors).some((p) => isPlacedError(p, PLACED));
  const currentExpiry = dateInputValue(license.expiresAt);
  // Entitled products that are no longer in the catalogue list still appear, so that saving the
  // form does not silently drop them.
  const listed = [
    ...products,
    ...license.entitlements
      .filter((e) => !products.some((p) => p.id === e.productId))
      .map((e) => ({
        id: e.productId,
        slug: e.productSlug,
        name: e.productName,
        channels: e.channels,
      })),
  ];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const entitlements = readEntitlements(form, listed);
    const { expiresAt, ...fields } = readLicenseFields(form);
    setSent(entitlements.map((e) => e.productId));
    update.run(
      {
        licenseId: license.id,
        entitlements,
        // The form shows a date; an unchanged date keeps the exact expiry time.
        ...(expiresAt === currentExpiry ? {} : { expiresAt }),
        ...fields,
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
        Edit
      </Button>
      {open ? (
        <Dialog
          open
          title="Edit license"
          onClose={() => setOpen(false)}
          actions={
            <Button type="submit" form="edit-license-form" disabled={update.pending}>
              {update.pending ? "Saving…" : "Save changes"}
            </Button>
          }
        >
          <form id="edit-license-form" onSubmit={submit} className="space-y-5" noValidate>
            {unplaced ? (
              <Notice tone="error" title="The license was not saved">
                {update.error}
              </Notice>
            ) : null}
            <EntitlementsFieldset
              products={listed}
              initial={license.entitlements}
              errors={errors}
              sent={sent}
            />
            <LicenseFields
              errors={errors}
              initial={{
                expiresAt: currentExpiry,
                expiryBehavior: license.expiryBehavior,
                maxMachines: license.maxMachines === null ? "" : String(license.maxMachines),
                notes: license.notes,
              }}
            />
          </form>
        </Dialog>
      ) : null}
    </>
  );
}
