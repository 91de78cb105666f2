import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { productView, type ProductView } from "./views";

export interface ProductSummary extends ProductView {
  releaseCounts: { DRAFT: number; PUBLISHED: number; YANKED: number };
}

export async function listProducts({ actor }: { actor: Actor }): Promise<ProductSummary[]> {
  authorize(actor, "products:read");
  const [products, counts] = await Promise.all([
    db().product.findMany({ include: { channels: true }, orderBy: { slug: "asc" } }),
    db().release.groupBy({ by: ["productId", "status"], _count: { _all: true } }),
  ]);
  return products.map((product) => {
    const releaseCounts = { DRAFT: 0, PUBLISHED: 0, YANKED: 0 };
    for (const row of counts)
      if (row.productId === product.id) releaseCounts[row.status] = row._count._all;
    return { ...productView(product), releaseCounts };
  });
}
