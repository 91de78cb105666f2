"use client";

import { useState, type FormEvent } from "react";
import { ConfirmActionButton } from "@/components/forms/confirm-action-button";
import { FormDialog } from "@/components/forms/form-dialog";
import { useServerAction } from "@/components/forms/use-server-action";
import { withStepUp } from "@/components/forms/with-step-up";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/http/action";
import {
  abortRolloutAction,
  advanceRolloutAction,
  cancelRollbackAction,
  directRollbackAction,
  pauseRolloutAction,
  resumeRolloutAction,
} from "./actions";

const advance = withStepUp(advanceRolloutAction);
const pause = withStepUp(pauseRolloutAction);
const resume = withStepUp(resumeRolloutAction);
const abort = withStepUp(abortRolloutAction);
const direct = withStepUp(directRollbackAction);
const cancel = withStepUp(cancelRollbackAction);

interface Control {
  label: string;
  when: readonly string[];
  message: string;
  action: (input: { rolloutId: string }) => Promise<ActionResult<unknown>>;
  success: string;
  danger?: boolean;
}

// Which controls a rollout in each state offers, and what each one does.
const CONTROLS: readonly Control[] = [
  {
    label: "Advance",
    when: ["ACTIVE", "PAUSED"],
    message:
      "The next phase's machines are offered the release now (or, for a four-eyes phase, an approval is requested).",
    action: advance,
    success: "Rollout advanced (or sent for approval).",
  },
  {
    label: "Pause",
    when: ["ACTIVE"],
    message:
      "Machines already offered it keep it; no further machine is offered it until you resume.",
    action: pause,
    success: "Rollout paused.",
  },
  {
    label: "Resume",
    when: ["PAUSED", "HALTED"],
    message:
      "The current phase's machines are offered the release again, and the thresholds are judged anew.",
    action: resume,
    success: "Rollout resumed.",
  },
  {
    label: "Abort",
    when: ["ACTIVE", "PAUSED", "HALTED"],
    message:
      "No machine that does not run it yet will be offered this release. To take machines back, direct a rollback below.",
    action: abort,
    success: "Rollout aborted.",
    danger: true,
  },
];

export function RolloutControls({
  rolloutId,
  version,
  status,
  canManage,
}: {
  rolloutId: string;
  version: string;
  status: string;
  canManage: boolean;
}) {
  return (
    <div className="flex flex-wrap gap-2">
      {CONTROLS.filter((c) => c.when.includes(status)).map((c) => {
        const danger = c.danger === true;
        return (
          <ConfirmActionButton
            key={c.label}
            label={c.label}
            variant={danger ? "danger" : "secondary"}
            danger={danger}
            title={`${c.label} the rollout of ${version}?`}
            message={c.message}
            confirmLabel={danger ? `${c.label} rollout` : c.label}
            action={c.action}
            input={{ rolloutId }}
            success={c.success}
            disabledReason={canManage ? null : "You need rollouts:manage."}
          />
        );
      })}
    </div>
  );
}

export function CancelRollbackButton({ directiveId }: { directiveId: string }) {
  return (
    <ConfirmActionButton
      label="Cancel"
      title="Cancel this rollback?"
      message="Agents are no longer told to go back; the release they were taken from may be offered again."
      confirmLabel="Cancel rollback"
      action={cancel}
      input={{ directiveId }}
      success="Rollback cancelled."
    />
  );
}

export function DirectRollbackButton({
  releases,
  customers,
  disabledReason,
}: {
  releases: { id: string; version: string }[];
  customers: { id: string; name: string }[];
  disabledReason: string | null;
}) {
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState("ALL");
  const run = useServerAction(direct, {
    success: "Rollback approved: agents are told to go back.",
  });
  const options = releases.map((r) => ({ value: r.id, label: r.version }));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => {
      const v = form.get(name);
      return typeof v === "string" && v !== "" ? v : undefined;
    };
    run.run(
      {
        fromReleaseId: value("fromReleaseId") ?? "",
        toReleaseId: value("toReleaseId") ?? "",
        scope: scope as "ALL" | "CUSTOMER" | "PHASE",
        customerId: scope === "CUSTOMER" ? value("customerId") : undefined,
        phase: scope === "PHASE" ? Number(value("phase")) : undefined,
        reason: value("reason") ?? "",
        expiresInHours: Number(value("expiresInHours") ?? "72"),
      },
      {
        onSuccess: (result) => {
          if (result.ok) setOpen(false);
        },
      },
    );
  };
  return (
    <>
      <Button
        variant="danger"
        onClick={() => setOpen(true)}
        disabled={disabledReason !== null || releases.length < 2}
        title={disabledReason ?? undefined}
      >
        Roll back…
      </Button>
      {open ? (
        <FormDialog
          title="Approve a rollback"
          formId="direct-rollback"
          submitLabel="Approve rollback"
          pendingLabel="Approving…"
          pending={run.pending}
          error={run.error}
          errorTitle="The rollback was not approved"
          onClose={() => setOpen(false)}
          onSubmit={submit}
        >
          <p className="text-sm text-slate-600">
            Machines in scope that run the first version are told, in their signed answer, to
            install the second. You will be asked to confirm with your security key.
          </p>
          <SelectField
            label="From (the bad release)"
            name="fromReleaseId"
            options={options}
            error={run.fieldErrors.fromReleaseId}
          />
          <SelectField
            label="Back to"
            name="toReleaseId"
            options={options}
            defaultValue={options[1]?.value}
            error={run.fieldErrors.toReleaseId}
          />
          <SelectField
            label="Machines"
            name="scope"
            value={scope}
            onChange={(e) => setScope(e.target.value)}
            options={[
              { value: "ALL", label: "All machines of the product" },
              { value: "CUSTOMER", label: "One customer's machines" },
              { value: "PHASE", label: "The machines a rollout phase admitted" },
            ]}
          />
          {scope === "CUSTOMER" ? (
            <SelectField
              label="Customer"
              name="customerId"
              options={customers.map((c) => ({ value: c.id, label: c.name }))}
              error={run.fieldErrors.customerId}
            />
          ) : null}
          {scope === "PHASE" ? (
            <TextField
              label="Up to phase"
              name="phase"
              type="number"
              min={1}
              max={10}
              defaultValue="1"
              error={run.fieldErrors.phase}
            />
          ) : null}
          <TextField
            label="Expires after (hours)"
            name="expiresInHours"
            type="number"
            min={1}
            max={336}
            defaultValue="72"
            error={run.fieldErrors.expiresInHours}
          />
          <TextAreaField
            label="Reason"
            name="reason"
            rows={2}
            maxLength={500}
            hint="Shown to agents in the instruction and recorded in the audit trail."
            error={run.fieldErrors.reason}
          />
        </FormDialog>
      ) : null}
    </>
  );
}
