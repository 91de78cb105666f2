import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/page";
import { getRole } from "@/lib/authz/get-role";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { orNotFound } from "@/lib/pages/or-not-found";
import { DeleteRoleButton } from "../delete-role-button";
import { RoleForm } from "../role-form";

export const metadata: Metadata = { title: "Role" };

type Params = Promise<{ id: string }>;

export default async function RolePage({ params }: { params: Params }) {
  const actor = await requireStaffPage("roles:read");
  const { id } = await params;
  const role = await orNotFound(getRole({ actor, input: { roleId: id } }));
  const canWrite = actor.permissions.has("roles:write");
  const editRefusal = role.actions.edit.allowed ? undefined : role.actions.edit.reason;
  return (
    <>
      <PageHeader
        title={role.name}
        description={
          <>
            <span className="font-mono">{role.key}</span>{" "}
            {role.builtIn ? <Badge tone="blue">built-in</Badge> : <Badge>custom</Badge>}{" "}
            {role.description}
          </>
        }
        actions={
          canWrite && !role.builtIn ? (
            <DeleteRoleButton
              roleId={role.id}
              roleKey={role.key}
              thenGoTo="/admin/roles"
              disabledReason={role.actions.delete.allowed ? null : role.actions.delete.reason}
            />
          ) : null
        }
      />
      <div className="space-y-6">
        <Card title="Permissions">
          <RoleForm
            role={role}
            grantable={role.grantable}
            readOnlyReason={
              canWrite ? editRefusal : "You need the permission roles:write to edit roles."
            }
          />
        </Card>
        {role.holders ? (
          <Card title={`Holders (${role.holders.length})`}>
            {role.holders.length === 0 ? (
              <p className="text-sm text-slate-500">Nobody holds this role.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {role.holders.map((h) => (
                  <li key={h.id}>
                    <Link href={`/admin/users/${h.id}`} className="text-brand-700 hover:underline">
                      {h.email}
                    </Link>{" "}
                    {h.status === "SUSPENDED" ? <Badge tone="red">suspended</Badge> : null}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        ) : null}
      </div>
    </>
  );
}
