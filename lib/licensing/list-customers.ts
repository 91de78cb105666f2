import type { Actor } from "@/lib/authz/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { badCursor, decodeCursor, encodeCursor } from "./cursor";
import { listCustomersSchema, type ListCustomersInput } from "./list-customers.schema";
import { parseInput, type Operation } from "@/lib/authz/operation";
import { customerIdScope } from "./tenancy";

export interface CustomerListItem {
  id: string;
  slug: string;
  name: string;
  createdAt: Date;
  licenseCount: number;
}

// Alphabetical, paged by (name, id).
export async function listCustomers({
  actor,
  input,
}: Operation<ListCustomersInput, Actor>): Promise<{
  items: CustomerListItem[];
  nextCursor: string | null;
}> {
  authorize(actor, "customers:read");
  const q = parseInput(listCustomersSchema, input);
  const limit = q.limit ?? 25;
  const and: Prisma.CustomerWhereInput[] = [customerIdScope(actor)];
  if (q.search) {
    and.push({
      OR: [
        { name: { contains: q.search, mode: "insensitive" } },
        { slug: { contains: q.search, mode: "insensitive" } },
      ],
    });
  }
  if (q.cursor) {
    const [name, id] = decodeCursor(q.cursor, 2);
    if (typeof name !== "string" || typeof id !== "string") throw badCursor();
    and.push({ OR: [{ name: { gt: name } }, { name, id: { gt: id } }] });
  }
  const rows = await db().customer.findMany({
    where: { AND: and },
    select: {
      id: true,
      slug: true,
      name: true,
      createdAt: true,
      _count: { select: { licenses: true } },
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(({ _count, ...c }) => ({ ...c, licenseCount: _count.licenses })),
    nextCursor: rows.length > limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}
