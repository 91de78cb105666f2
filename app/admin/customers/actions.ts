"use server";

import { defineAction } from "@/lib/http/action";
import { createCustomer } from "@/lib/licensing/create-customer";
import { createCustomerSchema } from "@/lib/licensing/create-customer.schema";

export const createCustomerAction = defineAction({
  name: "customers.create",
  access: { kind: "staff", permission: "customers:write" },
  input: createCustomerSchema,
  handler: ({ actor, input, ctx }) => createCustomer({ actor, input, request: ctx }),
});
