"use client";

import { usePathname, useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormDialog } from "@/components/forms/form-dialog";
import { useServerAction } from "@/components/forms/use-server-action";
import { licenseLabel } from "@/components/ui/format";
import { SecretOnceDialog } from "@/components/licensing/secret-once-dialog";
import { Button } from "@/components/ui/button";
import { createLicenseAction } from "./actions";
import { CustomerPicker, type CustomerOption } from "./customer-picker";
import { isPlacedError, readEntitlements, type ProductOption } from "./entitlement-form";
import { EntitlementsFieldset } from "./entitlements-fieldset";
import { LICENSE_FIELDS, LicenseFields, readLicenseFields } from "./license-fields";

const PLACED = ["customerId", "entitlements", ...LICENSE_FIELDS];

export function NewLicenseButton({
  products,
  initialOpen,
  initialCustomer,
  defaultExpiry,
}: {
  products: ProductOption[];
  // The expiry the form proposes (YYYY-MM-DD), chosen by the page.
  defaultExpiry: string;
  initialOpen: boolean;
  initialCustomer: CustomerOption | null;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [open, setOpen] = useState(initialOpen);
  const [sent, setSent] = useState<string[]>([]);
  const [created, setCreated] = useState<{ id: string; key: string; hint: string } | null>(null);
  const create = useServerAction(createLicenseAction, { refresh: false });
  const errors = create.fieldErrors;
  const unplaced = create.error && !Object.keys(errors).some((p) => isPlacedError(p, PLACED));
  const onlyProduct = products.length === 1 ? products[0] : undefined;

  function close() {
    setOpen(false);
    // Opened from a link (?new=1): leave the URL so that a reload does not open it again.
    if (initialOpen) router.replace(pathname);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const entitlements = readEntitlements(form, products);
    setSent(entitlements.map((e) => e.productId));
    create.run(
      {
        customerId: String(form.get("customerId") ?? ""),
        entitlements,
        ...readLicenseFields(form),
      },
      {
        onSuccess: (result) => {
          if (!result.ok) return;
          setOpen(false);
          setCreated({
            id: result.data.license.id,
            key: result.data.key,
            hint: result.data.license.keyHint,
          });
        },
      },
    );
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>New license</Button>
      {open ? (
        <FormDialog
          title="New license"
          formId="new-license-form"
          submitLabel="Create license"
          pendingLabel="Creating…"
          pending={create.pending}
          error={unplaced ? create.error : null}
          errorTitle="The license was not created"
          onClose={close}
          onSubmit={submit}
        >
          <CustomerPicker initial={initialCustomer} error={errors.customerId} />
          <EntitlementsFieldset
            products={products}
            initial={
              onlyProduct
                ? [
                    {
                      productId: onlyProduct.id,
                      channels: onlyProduct.channels.filter((c) => c === "stable"),
                      platforms: [],
                    },
                  ]
                : []
            }
            errors={errors}
            sent={sent}
          />
          <LicenseFields
            errors={errors}
            initial={{
              expiresAt: defaultExpiry,
              expiryBehavior: "ACCESS_STOPS",
              maxMachines: "",
              notes: "",
            }}
          />
        </FormDialog>
      ) : null}
      {created ? (
        <SecretOnceDialog
          title="License created"
          label="License key"
          secret={created.key}
          onClose={() => {
            const id = created.id;
            setCreated(null);
            router.push(`/admin/licenses/${id}`);
          }}
        >
          The customer&apos;s update agents use this key. Staff will see only its last group (
          <span className="font-mono">{licenseLabel(created.hint)}</span>) from now on.
        </SecretOnceDialog>
      ) : null}
    </>
  );
}
