"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { withStepUp } from "@/components/forms/with-step-up";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { deleteRoleAction } from "./actions";

const deleteWithStepUp = withStepUp(deleteRoleAction);

// Disabled, with the policy's reason as its title, when this actor may not delete the role.
export function DeleteRoleButton({
  roleId,
  roleKey,
  disabledReason,
  thenGoTo,
}: {
  roleId: string;
  roleKey: string;
  disabledReason: string | null;
  thenGoTo?: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const remove = useServerAction(deleteWithStepUp, { success: `Role ${roleKey} deleted.` });
  return (
    <>
      <Button
        variant="danger"
        disabled={Boolean(disabledReason)}
        title={disabledReason ?? undefined}
        onClick={() => setOpen(true)}
      >
        Delete
      </Button>
      {open ? (
        <ConfirmDialog
          open
          danger
          title={`Delete the role ${roleKey}?`}
          message="A role that someone still holds cannot be deleted: remove it from them first."
          confirmLabel="Delete role"
          pending={remove.pending}
          onClose={() => setOpen(false)}
          onConfirm={() =>
            remove.run(
              { roleId },
              {
                onSuccess: (result) => {
                  setOpen(false);
                  if (result.ok && thenGoTo) router.push(thenGoTo);
                },
              },
            )
          }
        />
      ) : null}
    </>
  );
}
