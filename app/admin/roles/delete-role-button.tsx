"use client";

import { useRouter } from "next/navigation";
import { ConfirmDeleteButton } from "@/components/forms/confirm-action-button";
import { withStepUp } from "@/components/forms/with-step-up";
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
  return (
    <ConfirmDeleteButton
      thing="role"
      name={roleKey}
      disabledReason={disabledReason}
      message="A role that someone still holds cannot be deleted: remove it from them first."
      action={deleteWithStepUp}
      input={{ roleId }}
      onDone={() => {
        if (thenGoTo) router.push(thenGoTo);
      }}
    />
  );
}
