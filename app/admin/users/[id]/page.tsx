import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/ui/format";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/page";
import { Table } from "@/components/ui/table";
import { listBoundaryChoices } from "@/lib/authz/list-boundary-choices";
import { PERMISSIONS } from "@/lib/authz/permissions";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { AuditHistoryLink } from "../../audit/history-link";
import { orNotFound } from "@/lib/pages/or-not-found";
import { getStaffUser } from "@/lib/users/get-staff-user";
import { BoundaryPicker, RoleToggle, UserActionButton } from "../user-controls";

export const metadata: Metadata = { title: "Staff user" };

type Params = Promise<{ id: string }>;

const reasonOf = (d: { allowed: boolean; reason?: string }) =>
  d.allowed ? null : (d.reason ?? null);

export default async function StaffUserPage({ params }: { params: Params }) {
  const actor = await requireStaffPage("users:read");
  const { id } = await params;
  const user = await orNotFound(getStaffUser({ actor, input: { userId: id } }));
  const choices = actor.permissions.has("boundaries:write")
    ? await listBoundaryChoices({ actor, input: { userId: id } })
    : [];
  const a = user.actions;
  const canAssign = actor.permissions.has("roles:assign");
  return (
    <>
      <PageHeader
        title={user.email}
        description={
          <>
            {user.name ? `${user.name} · ` : ""}
            {user.status === "ACTIVE" ? (
              <Badge tone="green">active</Badge>
            ) : (
              <Badge tone="red">suspended</Badge>
            )}{" "}
            {user.mfaEnrolledAt ? (
              <Badge tone="green">MFA: {user.securityKeys} security key(s)</Badge>
            ) : (
              <Badge tone="amber">MFA not enrolled</Badge>
            )}{" "}
            Last sign-in {formatDateTime(user.lastSignInAt)}{" "}
            <AuditHistoryLink
              actor={actor}
              targetType="user"
              targetId={user.id}
              actorId={user.id}
            />
          </>
        }
        actions={
          <>
            {actor.permissions.has("sessions:revoke") ? (
              <UserActionButton
                kind="revokeSessions"
                userId={user.id}
                disabledReason={reasonOf(a.revokeSessions)}
              />
            ) : null}
            {actor.permissions.has("users:write") ? (
              <>
                <UserActionButton
                  kind="resetMfa"
                  userId={user.id}
                  disabledReason={reasonOf(a.resetMfa)}
                />
                {user.status === "ACTIVE" ? (
                  <UserActionButton
                    kind="suspend"
                    userId={user.id}
                    disabledReason={reasonOf(a.suspend)}
                  />
                ) : (
                  <UserActionButton
                    kind="reactivate"
                    userId={user.id}
                    disabledReason={reasonOf(a.reactivate)}
                  />
                )}
              </>
            ) : null}
          </>
        }
      />
      <div className="space-y-6">
        <div className="grid gap-6 md:grid-cols-2">
          <Card title="Roles">
            <ul className="space-y-2" aria-label="Roles">
              {a.roles
                .filter((r) => r.held || canAssign)
                .map((r) => (
                  <li key={r.roleId} className="flex items-start justify-between gap-3 text-sm">
                    <div>
                      <Link href={`/admin/roles/${r.roleId}`} className="font-mono text-brand-700">
                        {r.key}
                      </Link>{" "}
                      {r.held ? <Badge tone="blue">held</Badge> : null}
                      {canAssign && !r.decision.allowed ? (
                        <p className="text-xs text-slate-500" data-testid={`role-reason-${r.key}`}>
                          {r.decision.reason}
                        </p>
                      ) : null}
                    </div>
                    {canAssign ? (
                      <RoleToggle
                        userId={user.id}
                        roleId={r.roleId}
                        roleKey={r.key}
                        held={r.held}
                        disabledReason={reasonOf(r.decision)}
                      />
                    ) : null}
                  </li>
                ))}
            </ul>
          </Card>
          <Card title="Permission boundary">
            {user.boundary ? (
              <p className="text-sm">
                <span className="font-medium">{user.boundary.name}</span> allows{" "}
                {user.boundary.permissions.length} permissions; anything else their roles give is
                removed.
              </p>
            ) : (
              <p className="text-sm text-slate-600">No boundary: their roles apply in full.</p>
            )}
            {actor.permissions.has("boundaries:write") ? (
              <div className="mt-4">
                <BoundaryPicker
                  userId={user.id}
                  current={user.boundary?.id ?? null}
                  choices={choices.map((c) => ({
                    id: c.id,
                    name: c.name,
                    disabledReason: reasonOf(c.decision),
                  }))}
                  detachReason={reasonOf(a.detachBoundary)}
                />
              </div>
            ) : null}
          </Card>
        </div>
        <Card title="Effective permissions">
          <Table
            caption="Effective permissions"
            rows={user.explanation.filter((e) => e.grantedBy.length > 0)}
            rowKey={(e) => e.permission}
            empty="No role gives this user any permission."
            columns={[
              {
                header: "Permission",
                cell: (e) => (
                  <div>
                    <span className="font-mono">{e.permission}</span>
                    <p className="text-xs text-slate-500">{PERMISSIONS[e.permission]}</p>
                  </div>
                ),
              },
              { header: "Given by", cell: (e) => e.grantedBy.join(", ") },
              {
                header: "Effect",
                cell: (e) =>
                  e.effective ? (
                    <Badge tone="green">effective</Badge>
                  ) : e.removedByBoundary ? (
                    <Badge tone="red">removed by the boundary {user.boundary?.name}</Badge>
                  ) : (
                    <Badge>not effective</Badge>
                  ),
              },
            ]}
          />
        </Card>
        {user.sessions ? (
          <Card title={`Active sessions (${user.sessions.length})`}>
            {user.sessions.length === 0 ? (
              <p className="text-sm text-slate-500">No active sessions.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {user.sessions.map((s) => (
                  <li key={s.id}>
                    Since {formatDateTime(s.createdAt)}, last seen {formatDateTime(s.lastSeenAt)}{" "}
                    from {s.ip ?? "unknown address"}
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
