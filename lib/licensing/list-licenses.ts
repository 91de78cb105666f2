import type { Actor } from "@/lib/authz/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { badCursor, decodeCursor, encodeCursor } from "./cursor";
import { licenseKeyHash, normalizeLicenseKey } from "./license-key";
import { licenseInclude, toLicenseView, type LicenseView } from "./license-view";
import { listLicensesSchema, type ListLicensesInput } from "./list-licenses.schema";
import { parseInput, type Operation } from "@/lib/authz/operation";
import { customerScope } from "./tenancy";

const DAY_MS = 86_400_000;

function searchWhere(search: string): Prisma.LicenseWhereInput {
  // A whole key is found by its hash; nothing else about it is searchable.
  const key = normalizeLicenseKey(search);
  if (key) return { keyHash: licenseKeyHash(key) };
  return {
    OR: [
      { id: search },
      { keyHint: search.toUpperCase() },
      { customer: { name: { contains: search, mode: "insensitive" } } },
      { customer: { slug: { contains: search, mode: "insensitive" } } },
    ],
  };
}

// Newest first, paged by (createdAt, id) so that inserts between pages neither repeat nor skip.
export async function listLicenses({
  actor,
  input,
  now = new Date(),
}: Operation<ListLicensesInput, Actor> & { now?: Date }): Promise<{
  items: LicenseView[];
  nextCursor: string | null;
}> {
  authorize(actor, "licenses:read");
  const q = parseInput(listLicensesSchema, input);
  const limit = q.limit ?? 25;
  const and: Prisma.LicenseWhereInput[] = [customerScope(actor)];
  if (q.status) and.push({ status: q.status });
  if (q.productId) and.push({ entitlements: { some: { productId: q.productId } } });
  if (q.expiringWithinDays !== undefined) {
    const until = new Date(now.getTime() + q.expiringWithinDays * DAY_MS);
    and.push({ expiresAt: { gte: now, lte: until } });
  }
  if (q.search) and.push(searchWhere(q.search));
  if (q.cursor) {
    const [createdAt, id] = decodeCursor(q.cursor, 2);
    if (!(createdAt instanceof Date) || typeof id !== "string") throw badCursor();
    and.push({ OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] });
  }
  const rows = await db().license.findMany({
    where: { AND: and },
    include: licenseInclude,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toLicenseView(r, now)),
    nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt, last.id]) : null,
  };
}
