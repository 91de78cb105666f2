"use client";

import { useState, type FormEvent } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/page";
import type { CustomerView } from "@/lib/licensing/customer-view";
import { CustomerFields, customerFormValues, hasUnplacedError } from "../customer-fields";
import { updateCustomerAction } from "./actions";

export function EditCustomerButton({ customer }: { customer: CustomerView }) {
  const [open, setOpen] = useState(false);
  const update = useServerAction(updateCustomerAction, { success: "Customer saved." });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.run(
      { customerId: customer.id, ...customerFormValues(new FormData(event.currentTarget)) },
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
        Edit customer
      </Button>
      {open ? (
        <Dialog
          open
          title={`Edit ${customer.name}`}
          onClose={() => setOpen(false)}
          actions={
            <Button type="submit" form="edit-customer-form" disabled={update.pending}>
              {update.pending ? "Saving…" : "Save changes"}
            </Button>
          }
        >
          <form id="edit-customer-form" onSubmit={submit} className="space-y-4" noValidate>
            {hasUnplacedError(update.error, update.fieldErrors) ? (
              <Notice tone="error" title="The customer was not saved">
                {update.error}
              </Notice>
            ) : null}
            <CustomerFields errors={update.fieldErrors} initial={customer} />
          </form>
        </Dialog>
      ) : null}
    </>
  );
}
