import { db } from "@/lib/db/client";
import { parseInput, type Operation } from "@/lib/authz/operation";
import { authorize } from "@/lib/authz/authorize";
import { listStaffUsersSchema, type ListStaffUsersInput } from "./list-staff-users.schema";

export interface StaffUserListItem {
  id: string;
  email: string;
  name: string | null;
  status: "ACTIVE" | "SUSPENDED";
  roles: { id: string; key: string; name: string }[];
  boundary: { id: string; name: string } | null;
  lastSignInAt: Date | null;
  mfaEnrolled: boolean;
  invitedAt: Date | null;
  createdAt: Date;
}

export async function listStaffUsers({ actor, input }: Operation<ListStaffUsersInput>): Promise<{
  items: StaffUserListItem[];
  nextAfter: string | null;
}> {
  const { query, status, after, take } = parseInput(listStaffUsersSchema, input);
  authorize(actor, "users:read", "view staff users");
  const rows = await db().user.findMany({
    where: {
      kind: "STAFF",
      ...(status ? { status } : {}),
      ...(after ? { email: { gt: after } } : {}),
      ...(query
        ? {
            OR: [
              { email: { contains: query, mode: "insensitive" } },
              { name: { contains: query, mode: "insensitive" } },
            ],
          }
        : {}),
    },
    select: {
      id: true,
      email: true,
      name: true,
      status: true,
      lastSignInAt: true,
      mfaEnrolledAt: true,
      invitedAt: true,
      createdAt: true,
      boundary: { select: { id: true, name: true } },
      roleAssignments: {
        select: { role: { select: { id: true, key: true, name: true } } },
        orderBy: { role: { key: "asc" } },
      },
    },
    orderBy: { email: "asc" },
    take: take + 1,
  });
  const items = rows.slice(0, take).map(({ roleAssignments, mfaEnrolledAt, ...u }) => ({
    ...u,
    roles: roleAssignments.map((a) => a.role),
    mfaEnrolled: mfaEnrolledAt !== null,
  }));
  return { items, nextAfter: rows.length > take ? (items.at(-1)?.email ?? null) : null };
}
