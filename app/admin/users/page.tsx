import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/ui/format";
import { Badge } from "@/components/ui/badge";
import { ReadOnlyNote } from "@/components/ui/read-only-note";
import { PageHeader } from "@/components/ui/page";
import { Table } from "@/components/ui/table";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { firstParam, type SearchParams } from "@/lib/identity/requested-path";
import { listStaffUsers } from "@/lib/users/list-staff-users";
import { InviteUserButton } from "./invite-user-button";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireStaffPage("users:read");
  const sp = await searchParams;
  const query = firstParam(sp.q)?.trim() || undefined;
  const { items } = await listStaffUsers({ actor, input: { query, take: 200 } });
  return (
    <>
      <PageHeader
        title="Users"
        description="Vendor staff: their roles, permission boundary, second factor and status."
        actions={actor.permissions.has("users:write") ? <InviteUserButton /> : null}
      />
      <ReadOnlyNote actor={actor} anyOf={["users:write"]} />
      <form className="mb-4 flex gap-2" role="search">
        <input
          name="q"
          defaultValue={query}
          placeholder="Search by email or name"
          aria-label="Search users"
          className="w-72 rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300"
        />
      </form>
      <Table
        caption="Staff users"
        rows={items}
        rowKey={(u) => u.id}
        empty="No staff users match."
        columns={[
          {
            header: "User",
            cell: (u) => (
              <div>
                <Link
                  href={`/admin/users/${u.id}`}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {u.email}
                </Link>
                {u.name ? <div className="text-xs text-slate-500">{u.name}</div> : null}
              </div>
            ),
          },
          {
            header: "Roles",
            cell: (u) =>
              u.roles.length ? (
                <div className="flex flex-wrap gap-1">
                  {u.roles.map((r) => (
                    <Badge key={r.id} tone="blue">
                      {r.key}
                    </Badge>
                  ))}
                </div>
              ) : (
                <span className="text-slate-500">none</span>
              ),
          },
          {
            header: "Boundary",
            cell: (u) => (u.boundary ? u.boundary.name : <span className="text-slate-500">—</span>),
          },
          {
            header: "Last sign-in",
            cell: (u) => (
              <span className="whitespace-nowrap">
                {u.lastSignInAt
                  ? formatDateTime(u.lastSignInAt)
                  : u.invitedAt
                    ? "invited"
                    : "never"}
              </span>
            ),
          },
          {
            header: "MFA",
            cell: (u) =>
              u.mfaEnrolled ? (
                <Badge tone="green">enrolled</Badge>
              ) : (
                <Badge tone="amber">not enrolled</Badge>
              ),
          },
          {
            header: "Status",
            cell: (u) =>
              u.status === "ACTIVE" ? (
                <Badge tone="green">active</Badge>
              ) : (
                <Badge tone="red">suspended</Badge>
              ),
          },
        ]}
      />
    </>
  );
}
