"use server";

import { defineAction } from "@/lib/http/action";
import { toAppError } from "@/lib/http/error-mapper";
import { AppError } from "@/lib/errors/app-error";
import { createChannel } from "@/lib/releases/create-channel";
import { createChannelSchema } from "@/lib/releases/create-channel.schema";
import { createProduct } from "@/lib/releases/create-product";
import { createProductSchema } from "@/lib/releases/create-product.schema";

// The product's one unique column is its slug, but the unique violation reaches us without the
// column's name (the driver adapter does not report it): put it on the slug field for the form.
async function slugConflictOnField<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === "conflict" && !appError.extra.errors?.length) {
      throw new AppError("conflict", "A product with this slug already exists.", {
        errors: [{ path: "slug", message: "already exists" }],
      });
    }
    throw error;
  }
}

export const createProductAction = defineAction({
  name: "products.create",
  access: { kind: "staff", permission: "products:write" },
  input: createProductSchema,
  handler: ({ actor, input, ctx }) =>
    slugConflictOnField(() => createProduct({ actor, input, request: ctx })),
});

export const createChannelAction = defineAction({
  name: "channels.create",
  access: { kind: "staff", permission: "products:write" },
  input: createChannelSchema,
  handler: ({ actor, input, ctx }) => createChannel({ actor, input, request: ctx }),
});
