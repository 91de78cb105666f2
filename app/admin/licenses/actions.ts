"use server";

import { z } from "zod";
import { defineAction } from "@/lib/http/action";
import { createLicense } from "@/lib/licensing/create-license";
import { listCustomers } from "@/lib/licensing/list-customers";
import { createLicenseFormSchema } from "./license-form.schema";

// The key comes back in this result only; the form shows it once and keeps it nowhere else.
export const createLicenseAction = defineAction({
  name: "licenses.create",
  access: { kind: "staff", permission: "licenses:write" },
  input: createLicenseFormSchema,
  handler: ({ actor, input, ctx }) => createLicense({ actor, input, request: ctx }),
});

// The customer picker's search (a TanStack query in the new-license form).
export const searchCustomersAction = defineAction({
  name: "customers.search",
  access: { kind: "staff", permission: "customers:read" },
  input: z.object({ search: z.string().trim().max(200).default("") }),
  handler: async ({ actor, input }) => {
    const page = await listCustomers({ actor, input: { search: input.search, limit: 20 } });
    return page.items.map(({ id, slug, name }) => ({ id, slug, name }));
  },
});
