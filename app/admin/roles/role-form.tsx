"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { withStepUp } from "@/components/forms/with-step-up";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/page";
import type { GrantablePermission } from "@/lib/authz/policy";
import type { Permission } from "@/lib/authz/permissions";
import { createRoleAction, updateRoleAction } from "./actions";
import { PermissionPicker } from "./permission-picker";

const createWithStepUp = withStepUp(createRoleAction);
const updateWithStepUp = withStepUp(updateRoleAction);

export interface RoleFormValues {
  id?: string;
  key: string;
  name: string;
  description: string;
  permissions: Permission[];
}

function useSelection(initial: Permission[]) {
  const [selected, setSelected] = useState<ReadonlySet<Permission>>(new Set(initial));
  const toggle = (permission: Permission, checked: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (checked) next.add(permission);
      else next.delete(permission);
      return next;
    });
  return { selected, toggle };
}

// Create or edit a custom role. The permissions come from the checked boxes in the form itself
// (not only from React state), so what is submitted is exactly what the page shows.
export function RoleForm({
  role,
  grantable,
  readOnlyReason,
}: {
  role?: RoleFormValues;
  grantable: GrantablePermission[];
  readOnlyReason?: string;
}) {
  const router = useRouter();
  const { selected, toggle } = useSelection(role?.permissions ?? []);
  const create = useServerAction(createWithStepUp, {
    success: (r) => `Role ${r.key} created.`,
    refresh: false,
  });
  const update = useServerAction(updateWithStepUp, { success: "Role saved." });
  const current = role?.id ? update : create;
  const errors = current.fieldErrors;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const permissions = form.getAll("permissions").map(String) as Permission[];
    const name = String(form.get("name") ?? "");
    const description = String(form.get("description") ?? "");
    if (role?.id) {
      update.run({ roleId: role.id, name, description, permissions });
      return;
    }
    create.run(
      { key: String(form.get("key") ?? "").trim(), name, description, permissions },
      {
        onSuccess: (result) => {
          if (result.ok) router.push(`/admin/roles/${result.data.id}`);
        },
      },
    );
  }

  return (
    <form onSubmit={submit} className="space-y-5" aria-label={role?.id ? "Edit role" : "New role"}>
      {readOnlyReason ? (
        <Notice tone="warning" title="You cannot change this role">
          {readOnlyReason}
        </Notice>
      ) : null}
      {current.error && Object.keys(errors).length === 0 ? (
        <Notice tone="error" title="The role was not saved">
          <span data-testid="role-form-error">{current.error}</span>
        </Notice>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          label="Key"
          name="key"
          required
          defaultValue={role?.key}
          disabled={Boolean(role?.id)}
          autoComplete="off"
          placeholder="release_reviewer"
          hint="Lowercase letters, digits and _; cannot be changed later."
          error={errors.key}
        />
        <TextField
          label="Name"
          name="name"
          required
          defaultValue={role?.name}
          disabled={Boolean(readOnlyReason)}
          error={errors.name}
        />
      </div>
      <TextAreaField
        label="Description"
        name="description"
        rows={2}
        defaultValue={role?.description}
        disabled={Boolean(readOnlyReason)}
        error={errors.description}
      />
      <PermissionPicker
        grantable={
          readOnlyReason
            ? grantable.map((g) => ({ ...g, grantable: false, reason: undefined }))
            : grantable
        }
        selected={selected}
        onChange={toggle}
        error={errors.permissions}
      />
      {readOnlyReason ? null : (
        <Button type="submit" disabled={current.pending}>
          {current.pending ? "Saving…" : role?.id ? "Save role" : "Create role"}
        </Button>
      )}
    </form>
  );
}
