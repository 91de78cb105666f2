"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/page";
import { createCustomerAction } from "./actions";
import { CustomerFields, customerFormValues, hasUnplacedError } from "./customer-fields";

export function NewCustomerButton() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const create = useServerAction(createCustomerAction, {
    success: (customer) => `Customer ${customer.name} created.`,
    refresh: false,
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.run(customerFormValues(new FormData(event.currentTarget)), {
      onSuccess: (result) => {
        if (result.ok) router.push(`/admin/customers/${result.data.id}`);
      },
    });
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>New customer</Button>
      {open ? (
        <Dialog
          open
          title="New customer"
          onClose={() => setOpen(false)}
          actions={
            <Button type="submit" form="new-customer-form" disabled={create.pending}>
              {create.pending ? "Creating…" : "Create customer"}
            </Button>
          }
        >
          <form id="new-customer-form" onSubmit={submit} className="space-y-4" noValidate>
            {hasUnplacedError(create.error, create.fieldErrors) ? (
              <Notice tone="error" title="The customer was not created">
                {create.error}
              </Notice>
            ) : null}
            <CustomerFields errors={create.fieldErrors} />
          </form>
        </Dialog>
      ) : null}
    </>
  );
}
