// Holds a license, or every license of a customer, to a version line of one product: the update
// check then never offers (nor names as latest) a version outside it. A license's own pin wins
// over its customer's. Staff with licenses:write; audited with the range before and after.
import { recordAudit } from "@/lib/audit/record-audit";
import { authorize } from "@/lib/authz/authorize";
import { parseInput, type Operation } from "@/lib/authz/operation";
import { actorId, type Actor } from "@/lib/authz/actor";
import { db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import {
  removeVersionPinSchema,
  setVersionPinSchema,
  type RemoveVersionPinInput,
  type SetVersionPinInput,
} from "./version-pin.schema";

async function resolveTarget(
  tx: Tx,
  input: { product: string; licenseId?: string; customerId?: string },
) {
  const product = await tx.product.findUnique({
    where: { slug: input.product },
    select: { id: true },
  });
  if (!product) throw new AppError("not_found", "No such product.");
  if (input.licenseId) {
    const license = await tx.license.findUnique({ where: { id: input.licenseId } });
    if (!license) throw new AppError("not_found", "No such license.");
    return { productId: product.id, where: { productId: product.id, licenseId: license.id } };
  }
  const customer = await tx.customer.findUnique({ where: { id: input.customerId ?? "" } });
  if (!customer) throw new AppError("not_found", "No such customer.");
  return { productId: product.id, where: { productId: product.id, customerId: customer.id } };
}

export async function setVersionPin({
  actor,
  input,
  request,
}: Operation<SetVersionPinInput, Actor>): Promise<{ id: string; range: string }> {
  authorize(actor, "licenses:write");
  const data = parseInput(setVersionPinSchema, input);
  return db().$transaction(async (tx) => {
    const { where } = await resolveTarget(tx, data);
    const before = await tx.versionPin.findFirst({ where });
    const pin = before
      ? await tx.versionPin.update({ where: { id: before.id }, data: { range: data.range } })
      : await tx.versionPin.create({
          data: { ...where, range: data.range, createdById: actorId(actor) },
        });
    await recordAudit(tx, {
      action: "version_pins.set",
      actor,
      request,
      target: { type: "version_pin", id: pin.id },
      before: before ? { range: before.range } : null,
      after: { range: pin.range },
      metadata: { product: data.product, ...where },
    });
    return { id: pin.id, range: pin.range };
  });
}

export async function removeVersionPin({
  actor,
  input,
  request,
}: Operation<RemoveVersionPinInput, Actor>): Promise<{ removed: boolean }> {
  authorize(actor, "licenses:write");
  const data = parseInput(removeVersionPinSchema, input);
  return db().$transaction(async (tx) => {
    const { where } = await resolveTarget(tx, data);
    const pin = await tx.versionPin.findFirst({ where });
    if (!pin) return { removed: false };
    await tx.versionPin.delete({ where: { id: pin.id } });
    await recordAudit(tx, {
      action: "version_pins.removed",
      actor,
      request,
      target: { type: "version_pin", id: pin.id },
      before: { range: pin.range },
      after: null,
      metadata: { product: data.product, ...where },
    });
    return { removed: true };
  });
}
