import { recordAudit, type AuditRequestInfo } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { createChannelSchema, type CreateChannelInput } from "./create-channel.schema";

export interface ChannelView {
  id: string;
  productId: string;
  product: string;
  name: string;
  createdAt: Date;
}

export async function createChannel({
  actor,
  input,
  request,
}: {
  actor: Actor;
  input: CreateChannelInput;
  request?: AuditRequestInfo;
}): Promise<ChannelView> {
  authorize(actor, "products:write");
  const data = createChannelSchema.parse(input);
  return db().$transaction(async (tx) => {
    const product = await tx.product.findUnique({ where: { slug: data.product } });
    if (!product) throw new AppError("not_found", "The product does not exist.");
    const taken = await tx.channel.findUnique({
      where: { productId_name: { productId: product.id, name: data.name } },
    });
    if (taken) {
      throw new AppError("conflict", "The product already has this channel.", {
        errors: [{ path: "name", message: "already exists" }],
      });
    }
    const channel = await tx.channel.create({ data: { productId: product.id, name: data.name } });
    const view = {
      id: channel.id,
      productId: product.id,
      product: product.slug,
      name: channel.name,
      createdAt: channel.createdAt,
    };
    await recordAudit(tx, {
      action: "channels.created",
      actor,
      request,
      target: { type: "channel", id: channel.id },
      after: view,
    });
    return view;
  });
}
