"use client";

import { useState, type FormEvent } from "react";
import { ConfirmDeleteButton } from "@/components/forms/confirm-action-button";
import { useServerAction } from "@/components/forms/use-server-action";
import { withStepUp } from "@/components/forms/with-step-up";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/page";
import type { GrantablePermission } from "@/lib/authz/policy";
import type { Permission } from "@/lib/authz/permissions";
import { createBoundaryAction, deleteBoundaryAction } from "../actions";
import { PermissionPicker } from "../permission-picker";

const createWithStepUp = withStepUp(createBoundaryAction);
const deleteWithStepUp = withStepUp(deleteBoundaryAction);

export function BoundaryForm({ grantable }: { grantable: GrantablePermission[] }) {
  const [selected, setSelected] = useState<ReadonlySet<Permission>>(new Set());
  const create = useServerAction(createWithStepUp, {
    success: (b) => `Boundary ${b.name} created.`,
  });
  const errors = create.fieldErrors;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    create.run(
      {
        name: String(data.get("name") ?? ""),
        description: String(data.get("description") ?? ""),
        permissions: data.getAll("permissions").map(String) as Permission[],
      },
      {
        onSuccess: (result) => {
          if (!result.ok) return;
          form.reset();
          setSelected(new Set());
        },
      },
    );
  }

  return (
    <form onSubmit={submit} className="space-y-4" aria-label="New boundary">
      {create.error && Object.keys(errors).length === 0 ? (
        <Notice tone="error" title="The boundary was not created">
          {create.error}
        </Notice>
      ) : null}
      <TextField label="Name" name="name" required error={errors.name} />
      <TextAreaField label="Description" name="description" rows={2} error={errors.description} />
      <PermissionPicker
        grantable={grantable}
        selected={selected}
        error={errors.permissions}
        onChange={(p, checked) =>
          setSelected((current) => {
            const next = new Set(current);
            if (checked) next.add(p);
            else next.delete(p);
            return next;
          })
        }
      />
      <Button type="submit" disabled={create.pending}>
        {create.pending ? "Creating…" : "Create boundary"}
      </Button>
    </form>
  );
}

export function DeleteBoundaryButton({
  boundaryId,
  name,
  disabledReason,
}: {
  boundaryId: string;
  name: string;
  disabledReason: string | null;
}) {
  return (
    <ConfirmDeleteButton
      thing="boundary"
      name={name}
      disabledReason={disabledReason}
      message="A boundary still attached to a user cannot be deleted."
      action={deleteWithStepUp}
      input={{ boundaryId }}
    />
  );
}
