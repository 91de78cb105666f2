import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { createCustomerSchema, type CreateCustomerInput } from "./create-customer.schema";
import {
  customerSnapshot,
  encryptContacts,
  toCustomerView,
  type CustomerView,
} from "./customer-view";
import { parseInput, type Operation } from "@/lib/authz/operation";

export async function createCustomer({
  actor,
  input,
  request,
}: Operation<CreateCustomerInput, Actor>): Promise<CustomerView> {
  authorize(actor, "customers:write");
  const data = parseInput(createCustomerSchema, input);
  // A taken slug is Prisma's P2002, which the error mapper answers as a 409 naming the field.
  return db().$transaction(async (tx) => {
    const row = await tx.customer.create({
      data: {
        slug: data.slug,
        name: data.name,
        notes: data.notes,
        ...encryptContacts({
          contactName: data.contactName ?? null,
          contactEmail: data.contactEmail ?? null,
          contactPhone: data.contactPhone ?? null,
        }),
      },
    });
    const view = toCustomerView(row);
    await recordAudit(tx, {
      action: "customers.created",
      actor,
      request,
      target: { type: "customer", id: row.id },
      after: customerSnapshot(view),
    });
    return view;
  });
}
