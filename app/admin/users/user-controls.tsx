"use client";

import { useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { withStepUp } from "@/components/forms/with-step-up";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/http/action";
import {
  assignRoleAction,
  reactivateUserAction,
  removeRoleAction,
  resetUserMfaAction,
  revokeUserSessionsAction,
  setUserBoundaryAction,
  suspendUserAction,
} from "./actions";

const assignWithStepUp = withStepUp(assignRoleAction);
const removeWithStepUp = withStepUp(removeRoleAction);
const boundaryWithStepUp = withStepUp(setUserBoundaryAction);

type UserAction = (input: { userId: string }) => Promise<ActionResult<unknown>>;

const USER_ACTIONS: Record<
  "suspend" | "reactivate" | "resetMfa" | "revokeSessions",
  {
    action: UserAction;
    label: string;
    title: string;
    message: string;
    success: string;
    danger: boolean;
  }
> = {
  suspend: {
    action: withStepUp(suspendUserAction),
    label: "Suspend",
    title: "Suspend this user?",
    message: "Their sessions end now and they cannot sign in until reactivated.",
    success: "User suspended.",
    danger: true,
  },
  reactivate: {
    action: withStepUp(reactivateUserAction),
    label: "Reactivate",
    title: "Reactivate this user?",
    message: "They can sign in again, with the roles and boundary they had.",
    success: "User reactivated.",
    danger: false,
  },
  resetMfa: {
    action: withStepUp(resetUserMfaAction),
    label: "Reset MFA",
    title: "Reset this user's MFA?",
    message:
      "Their security keys are removed and their sessions end; they enrol a new key at the next sign-in.",
    success: "MFA reset.",
    danger: true,
  },
  revokeSessions: {
    action: revokeUserSessionsAction,
    label: "Revoke sessions",
    title: "Revoke all of this user's sessions?",
    message: "They are signed out everywhere at their next request.",
    success: "Sessions revoked.",
    danger: false,
  },
};

// A refused button stays visible, disabled, with the policy's reason as its title.
export function UserActionButton({
  kind,
  userId,
  disabledReason,
}: {
  kind: keyof typeof USER_ACTIONS;
  userId: string;
  disabledReason: string | null;
}) {
  const spec = USER_ACTIONS[kind];
  const [open, setOpen] = useState(false);
  const run = useServerAction(spec.action, { success: spec.success });
  return (
    <>
      <Button
        variant={spec.danger ? "danger" : "secondary"}
        disabled={Boolean(disabledReason)}
        title={disabledReason ?? undefined}
        onClick={() => setOpen(true)}
      >
        {spec.label}
      </Button>
      {open ? (
        <ConfirmDialog
          open
          danger={spec.danger}
          title={spec.title}
          message={spec.message}
          confirmLabel={spec.label}
          pending={run.pending}
          onClose={() => setOpen(false)}
          onConfirm={() => run.run({ userId }, { onSuccess: () => setOpen(false) })}
        />
      ) : null}
    </>
  );
}

export function RoleToggle({
  userId,
  roleId,
  roleKey,
  held,
  disabledReason,
}: {
  userId: string;
  roleId: string;
  roleKey: string;
  held: boolean;
  disabledReason: string | null;
}) {
  const assign = useServerAction(assignWithStepUp, {
    success: (r) =>
      r.status === "applied"
        ? `Role ${roleKey} assigned.`
        : `Assigning ${roleKey} needs a second person's approval; the request is waiting.`,
  });
  const remove = useServerAction(removeWithStepUp, { success: `Role ${roleKey} removed.` });
  const current = held ? remove : assign;
  return (
    <Button
      variant={held ? "secondary" : "primary"}
      disabled={Boolean(disabledReason) || current.pending}
      title={disabledReason ?? undefined}
      aria-label={`${held ? "Remove" : "Assign"} ${roleKey}`}
      onClick={() => current.run({ userId, roleId })}
    >
      {held ? "Remove" : "Assign"}
    </Button>
  );
}

export function BoundaryPicker({
  userId,
  current,
  choices,
  detachReason,
}: {
  userId: string;
  current: string | null;
  choices: { id: string; name: string; disabledReason: string | null }[];
  detachReason: string | null;
}) {
  const [value, setValue] = useState(current ?? "");
  const set = useServerAction(boundaryWithStepUp, { success: "Boundary changed." });
  const chosen = choices.find((c) => c.id === value);
  const reason = value === "" ? detachReason : (chosen?.disabledReason ?? null);
  return (
    <div className="space-y-2">
      <label htmlFor="boundary" className="block text-sm font-medium text-slate-700">
        Set boundary
      </label>
      <div className="flex gap-2">
        <select
          id="boundary"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className="block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300"
        >
          <option value="">No boundary</option>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
              {c.disabledReason ? " (not allowed)" : ""}
            </option>
          ))}
        </select>
        <Button
          disabled={(value || null) === current || Boolean(reason) || set.pending}
          onClick={() => set.run({ userId, boundaryId: value || null })}
        >
          {set.pending ? "Saving…" : "Apply"}
        </Button>
      </div>
      {reason && (value || null) !== current ? (
        <p className="text-xs text-amber-700">{reason}</p>
      ) : null}
    </div>
  );
}
