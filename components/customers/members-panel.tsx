"use client";

import { useState, type FormEvent } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { FormDialog } from "@/components/forms/form-dialog";
import { formatDateTime } from "@/components/ui/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { Table } from "@/components/ui/table";
import type { ActionResult } from "@/lib/http/action";
import type { CustomerMember } from "@/lib/portal/list-customer-members";

// A customer's people, for vendor staff (/admin/customers/[id]) and for the customer's own
// administrator (/portal/team): invite, resend or revoke an invitation, change a role, remove.
// The two pages pass their own server actions; `scope` is what those actions need besides the
// user (the customer id for staff, nothing for the customer, whose id comes from the session).
type AnyAction = (raw: unknown) => Promise<ActionResult<unknown>>;

export interface MemberActions {
  invite: AnyAction;
  resend: AnyAction;
  remove: AnyAction;
  setRole: AnyAction;
}

const ROLES = [
  { value: "MEMBER", label: "Member (downloads, agents read-only)" },
  { value: "ADMIN", label: "Administrator (manages team and agents)" },
];

function InviteButton({
  actions,
  scope,
  signInUrl,
}: {
  actions: MemberActions;
  scope: Record<string, string>;
  signInUrl: string;
}) {
  const [open, setOpen] = useState(false);
  const invite = useServerAction(actions.invite, {
    success: `Invitation recorded. Ask them to sign in at ${signInUrl}.`,
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    invite.run(
      {
        ...scope,
        email: String(form.get("email") ?? ""),
        name: String(form.get("name") ?? "") || undefined,
        role: String(form.get("role") ?? "MEMBER"),
      },
      { onSuccess: (r) => r.ok && setOpen(false) },
    );
  }
  return (
    <>
      <Button onClick={() => setOpen(true)}>Invite user</Button>
      {open ? (
        <FormDialog
          title="Invite a user"
          formId="invite-customer-user"
          submitLabel="Invite"
          pendingLabel="Inviting…"
          pending={invite.pending}
          error={invite.error && !invite.fieldErrors.email ? invite.error : null}
          errorTitle="Could not invite"
          onClose={() => setOpen(false)}
          onSubmit={submit}
        >
          <TextField
            label="Email"
            name="email"
            type="email"
            required
            autoComplete="off"
            error={invite.fieldErrors.email}
          />
          <TextField
            label="Name"
            name="name"
            maxLength={100}
            hint="Optional."
            error={invite.fieldErrors.name}
          />
          <SelectField label="Role" name="role" options={ROLES} error={invite.fieldErrors.role} />
          <p className="text-sm text-slate-600">
            Tollgate sends no email: tell them to sign in with their organisation account at{" "}
            <span className="font-mono">{signInUrl}</span>.
          </p>
        </FormDialog>
      ) : null}
    </>
  );
}

function MemberButtons({
  member,
  actions,
  scope,
  isSelf,
}: {
  member: CustomerMember;
  actions: MemberActions;
  scope: Record<string, string>;
  isSelf: boolean;
}) {
  const [confirm, setConfirm] = useState(false);
  const who = member.name ?? member.email;
  const target = { ...scope, userId: member.userId };
  const resend = useServerAction(actions.resend, { success: `Invitation of ${who} renewed.` });
  const remove = useServerAction(actions.remove, {
    success: member.pending ? `Invitation of ${who} revoked.` : `${who} removed and signed out.`,
  });
  const setRole = useServerAction(actions.setRole, { success: `Role of ${who} changed.` });
  if (isSelf) return <span className="text-xs text-slate-500">you</span>;
  return (
    <div className="flex flex-wrap gap-2">
      {member.pending ? (
        <Button
          variant="secondary"
          disabled={resend.pending}
          onClick={() => resend.run(target)}
          aria-label={`Resend invitation to ${who}`}
        >
          Resend
        </Button>
      ) : null}
      <Button
        variant="secondary"
        disabled={setRole.pending}
        onClick={() =>
          setRole.run({ ...target, role: member.role === "ADMIN" ? "MEMBER" : "ADMIN" })
        }
        aria-label={
          member.role === "ADMIN" ? `Make ${who} a member` : `Make ${who} an administrator`
        }
      >
        {member.role === "ADMIN" ? "Make member" : "Make admin"}
      </Button>
      <Button
        variant="danger"
        onClick={() => setConfirm(true)}
        aria-label={member.pending ? `Revoke invitation of ${who}` : `Remove ${who}`}
      >
        {member.pending ? "Revoke invitation" : "Remove"}
      </Button>
      {confirm ? (
        <ConfirmDialog
          open
          danger
          title={member.pending ? `Revoke the invitation of ${who}?` : `Remove ${who}?`}
          message={
            member.pending
              ? "They will not be able to sign in."
              : "They lose access at once: every session they have ends, and their next click signs them out."
          }
          confirmLabel={member.pending ? "Revoke invitation" : "Remove user"}
          pending={remove.pending}
          onClose={() => setConfirm(false)}
          onConfirm={() => remove.run(target, { onSuccess: (r) => r.ok && setConfirm(false) })}
        />
      ) : null}
    </div>
  );
}

export function MembersPanel({
  members,
  canManage,
  selfUserId,
  actions,
  scope,
  signInUrl,
}: {
  members: CustomerMember[];
  canManage: boolean;
  selfUserId: string | null;
  actions: MemberActions;
  scope: Record<string, string>;
  signInUrl: string;
}) {
  return (
    <div className="space-y-3">
      {canManage ? (
        <div className="flex justify-end">
          <InviteButton actions={actions} scope={scope} signInUrl={signInUrl} />
        </div>
      ) : null}
      <Table
        caption="Users"
        rows={members}
        rowKey={(m) => m.userId}
        empty="No users yet. Invite the first one."
        columns={[
          {
            header: "User",
            cell: (m) => (
              <div>
                <div className="font-medium">{m.name ?? m.email}</div>
                {m.name ? <div className="text-xs text-slate-500">{m.email}</div> : null}
              </div>
            ),
          },
          { header: "Role", cell: (m) => (m.role === "ADMIN" ? "Administrator" : "Member") },
          {
            header: "Status",
            cell: (m) =>
              m.pending ? (
                <Badge tone="blue">Invited {formatDateTime(m.invitedAt)}</Badge>
              ) : m.status === "ACTIVE" ? (
                <Badge tone="green">Active</Badge>
              ) : (
                <Badge tone="amber">Suspended</Badge>
              ),
          },
          {
            header: "Last sign-in",
            className: "hidden md:table-cell",
            cell: (m) => (
              <span className="whitespace-nowrap">{formatDateTime(m.lastSignInAt)}</span>
            ),
          },
          ...(canManage
            ? [
                {
                  header: "Actions",
                  cell: (m: CustomerMember) => (
                    <MemberButtons
                      member={m}
                      actions={actions}
                      scope={scope}
                      isSelf={m.userId === selfUserId}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
