import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { ReadOnlyNote } from "@/components/ui/read-only-note";
import { PageHeader } from "@/components/ui/page";
import { Table } from "@/components/ui/table";
import { listRoles, type RoleListItem } from "@/lib/authz/list-roles";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { DeleteRoleButton } from "./delete-role-button";

export const metadata: Metadata = { title: "Roles" };

export default async function RolesPage() {
  const actor = await requireStaffPage("roles:read");
  const roles = await listRoles({ actor, input: {} });
  const canWrite = actor.permissions.has("roles:write");
  return (
    <>
      <PageHeader
        title="Roles"
        description="A role is a set of permissions. Nobody can put into a role, or assign, a permission they do not hold themselves."
        actions={
          <>
            {actor.permissions.has("boundaries:read") ? (
              <Link href="/admin/roles/boundaries" className={buttonClass("secondary")}>
                Permission boundaries
              </Link>
            ) : null}
            {canWrite ? (
              <Link href="/admin/roles/new" className={buttonClass()}>
                New role
              </Link>
            ) : null}
          </>
        }
      />
      <ReadOnlyNote actor={actor} anyOf={["roles:write", "roles:assign"]} />
      <Table
        caption="Roles"
        rows={roles}
        rowKey={(r) => r.id}
        columns={[
          {
            header: "Role",
            cell: (r) => (
              <div>
                <Link
                  href={`/admin/roles/${r.id}`}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {r.name}
                </Link>{" "}
                {r.builtIn ? <Badge tone="blue">built-in</Badge> : <Badge>custom</Badge>}
                <div className="font-mono text-xs text-slate-500">{r.key}</div>
                {r.description ? (
                  <p className="mt-1 max-w-md text-xs text-slate-600">{r.description}</p>
                ) : null}
              </div>
            ),
          },
          {
            header: "Permissions",
            cell: (r) => (
              <span title={r.permissions.join(", ")}>
                {r.permissions.length} permission{r.permissions.length === 1 ? "" : "s"}
              </span>
            ),
          },
          { header: "Holders", cell: (r) => <span>{r.holders}</span> },
          ...(canWrite
            ? [
                {
                  header: "Actions",
                  className: "text-right",
                  cell: (r: RoleListItem) =>
                    r.builtIn ? (
                      <span className="text-xs text-slate-500">Defined by Tollgate</span>
                    ) : (
                      <DeleteRoleButton
                        roleId={r.id}
                        roleKey={r.key}
                        disabledReason={r.actions.delete.allowed ? null : r.actions.delete.reason}
                      />
                    ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
