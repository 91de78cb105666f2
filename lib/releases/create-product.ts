import { parseInput } from "@/lib/authz/operation";
import { recordAudit, type AuditRequestInfo } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { createProductSchema, type CreateProductInput } from "./create-product.schema";
import { productView, type ProductView } from "./views";

export async function createProduct({
  actor,
  input,
  request,
}: {
  actor: Actor;
  input: CreateProductInput;
  request?: AuditRequestInfo;
}): Promise<ProductView> {
  authorize(actor, "products:write");
  const data = parseInput(createProductSchema, input);
  return db().$transaction(async (tx) => {
    const product = await tx.product.create({
      data: {
        slug: data.slug,
        name: data.name,
        description: data.description,
        channels: { create: data.channels.map((name) => ({ name })) },
      },
      include: { channels: true },
    });
    const view = productView(product);
    await recordAudit(tx, {
      action: "products.created",
      actor,
      request,
      target: { type: "product", id: product.id },
      after: view,
    });
    return view;
  });
}
