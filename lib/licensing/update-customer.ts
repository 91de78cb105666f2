import { authorize } from "@/lib/authz/authorize";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import {
  changedFields,
  customerSnapshot,
  encryptContacts,
  toCustomerView,
  type CustomerView,
} from "./customer-view";
import { parseInput, type OperationArgs } from "./operation";
import { customerIdScope } from "./tenancy";
import { conflictOnDuplicate } from "./unique-violation";
import { updateCustomerSchema, type UpdateCustomerInput } from "./update-customer.schema";

export async function updateCustomer({
  actor,
  input,
  request,
}: OperationArgs<UpdateCustomerInput>): Promise<CustomerView> {
  authorize(actor, "customers:write");
  const { customerId, slug, name, notes, ...contacts } = parseInput(updateCustomerSchema, input);
  return conflictOnDuplicate("slug", "A customer with this slug already exists.", () =>
    db().$transaction(async (tx) => {
      await tx.$queryRaw`SELECT "id" FROM "Customer" WHERE "id" = ${customerId} FOR UPDATE`;
      const current = await tx.customer.findFirst({
        where: { AND: [{ id: customerId }, customerIdScope(actor)] },
      });
      if (!current) throw new AppError("not_found", "No such customer.");
      const before = toCustomerView(current);
      const row = await tx.customer.update({
        where: { id: customerId },
        data: { slug, name, notes, ...encryptContacts(contacts) },
      });
      const after = toCustomerView(row);
      await recordAudit(tx, {
        action: "customers.updated",
        actor,
        request,
        target: { type: "customer", id: customerId },
        before: customerSnapshot(before),
        after: customerSnapshot(after),
        metadata: { changed: changedFields(before, after) },
      });
      return after;
    }),
  );
}
