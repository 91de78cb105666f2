"use server";

import { defineAction } from "@/lib/http/action";
import { updateCustomer } from "@/lib/licensing/update-customer";
import { updateCustomerSchema } from "@/lib/licensing/update-customer.schema";

export const updateCustomerAction = defineAction({
  name: "customers.update",
  access: { kind: "staff", permission: "customers:write" },
  input: updateCustomerSchema,
  handler: ({ actor, input, ctx }) => updateCustomer({ actor, input, request: ctx }),
});
