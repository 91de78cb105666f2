// Entitlements must name products and channels that exist: a typo in a channel name would
// otherwise give a license that silently never receives anything.
import type { Tx } from "@/lib/db/client";
import type { FieldError } from "@/lib/errors/app-error";
import { invalid } from "./operation";

export interface EntitlementTarget {
  productId: string;
  channels: readonly string[];
}

export async function checkEntitlementTargets(
  tx: Tx,
  entitlements: readonly EntitlementTarget[],
  path: readonly (string | number)[] = ["entitlements"],
): Promise<void> {
  const products = await tx.product.findMany({
    where: { id: { in: entitlements.map((e) => e.productId) } },
    select: { id: true, channels: { select: { name: true } } },
  });
  const channelsOf = new Map(products.map((p) => [p.id, new Set(p.channels.map((c) => c.name))]));
  const errors: FieldError[] = [];
  entitlements.forEach((e, i) => {
    const at = (...rest: (string | number)[]) => [...path, i, ...rest].join(".");
    const channels = channelsOf.get(e.productId);
    if (!channels) {
      errors.push({ path: at("productId"), message: "no such product" });
      return;
    }
    e.channels.forEach((name, j) => {
      if (!channels.has(name)) {
        errors.push({ path: at("channels", j), message: `the product has no channel "${name}"` });
      }
    });
  });
  if (errors.length) throw invalid(errors);
}
