"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { withStepUp } from "@/components/forms/with-step-up";
import { FormDialog } from "@/components/forms/form-dialog";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { inviteStaffUserAction } from "./actions";

const inviteWithStepUp = withStepUp(inviteStaffUserAction);

// An invited user has no roles: access is granted afterwards, on their page, one role at a time.
export function InviteUserButton() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const invite = useServerAction(inviteWithStepUp, {
    success: (u) => `${u.email} invited.`,
    refresh: false,
  });
  const errors = invite.fieldErrors;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get("name") ?? "").trim();
    invite.run(
      { email: String(form.get("email") ?? "").trim(), name: name || undefined },
      {
        onSuccess: (result) => {
          if (result.ok) router.push(`/admin/users/${result.data.id}`);
        },
      },
    );
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>Invite staff user</Button>
      {open ? (
        <FormDialog
          title="Invite staff user"
          formId="invite-user-form"
          submitLabel="Invite"
          pendingLabel="Inviting…"
          pending={invite.pending}
          error={Object.keys(errors).length === 0 ? invite.error : null}
          errorTitle="The user was not invited"
          onClose={() => setOpen(false)}
          onSubmit={submit}
        >
          <TextField
            label="Email"
            name="email"
            type="email"
            required
            hint="Their identity provider account; they sign in with SSO and enrol a security key."
            error={errors.email}
          />
          <TextField label="Name" name="name" error={errors.name} />
        </FormDialog>
      ) : null}
    </>
  );
}
