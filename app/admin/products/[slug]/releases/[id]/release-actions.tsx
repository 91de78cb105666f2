"use client";

import { useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { verifySecurityKey } from "@/components/identity/webauthn-client";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { TextAreaField, TextField } from "@/components/ui/field";
import { publishReleaseAction, yankReleaseAction } from "./actions";

type PublishResult = Awaited<ReturnType<typeof publishReleaseAction>>;

// When the server asks for a step-up, confirm with the security key right here and publish
// again. If the key check cannot run (no key registered, cancelled), the first answer stands
// and useServerAction sends the user to the step-up page, which also offers enrollment.
type PublishInput = Parameters<typeof publishReleaseAction>[0];

async function publishWithStepUp(input: PublishInput): Promise<PublishResult> {
  const first = await publishReleaseAction(input);
  if (first.ok || !first.error.stepUpRequired) return first;
  try {
    await verifySecurityKey("step-up");
  } catch {
    return first;
  }
  return publishReleaseAction(input);
}

// "10, 50, 100" → one phase per percentage, each with the same thresholds (docs/rollouts.md).
function rolloutInput(form: {
  percentages: string;
  errorThreshold: string;
  minSoakMinutes: string;
  minReports: string;
}) {
  const number = (v: string) => (v.trim() === "" ? undefined : Number(v));
  return {
    phases: form.percentages
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => ({
        percentage: Number(p),
        errorThreshold: number(form.errorThreshold),
        minSoakMinutes: number(form.minSoakMinutes),
        minReports: number(form.minReports),
      })),
  };
}

export function PublishButton({
  releaseId,
  version,
  disabledReason,
}: {
  releaseId: string;
  version: string;
  disabledReason: string | null;
}) {
  const [open, setOpen] = useState(false);
  const [phased, setPhased] = useState(false);
  const [rollout, setRollout] = useState({
    percentages: "10, 100",
    errorThreshold: "10",
    minSoakMinutes: "60",
    minReports: "1",
  });
  const field = (name: keyof typeof rollout) => ({
    name,
    value: rollout[name],
    onChange: (e: { target: { value: string } }) =>
      setRollout({ ...rollout, [name]: e.target.value }),
  });
  const publish = useServerAction(publishWithStepUp, { success: `Release ${version} published.` });
  return (
    <>
      <Button
        onClick={() => setOpen(true)}
        disabled={disabledReason !== null}
        title={disabledReason ?? undefined}
      >
        Publish
      </Button>
      {open ? (
        <ConfirmDialog
          open
          title={`Publish ${version}?`}
          message={
            <div className="space-y-3">
              <p>
                {phased
                  ? "Entitled update agents will be offered this release phase by phase. "
                  : "Entitled update agents will be offered this release and its artifacts at once. "}
                The release manifest is signed now; artifacts can no longer be changed. You may be
                asked to confirm with your security key.
              </p>
              <label className="flex items-center gap-2 text-sm font-medium">
                <input
                  type="checkbox"
                  checked={phased}
                  onChange={(e) => setPhased(e.target.checked)}
                />
                Roll out in phases
              </label>
              {phased ? (
                <div className="grid gap-3 sm:grid-cols-2">
                  <TextField
                    label="Phases (% of machines)"
                    hint="Comma-separated, growing: 10, 50, 100"
                    error={publish.fieldErrors["rollout.phases"]}
                    {...field("percentages")}
                  />
                  <TextField
                    label="Halt at % failed"
                    type="number"
                    min={0}
                    max={100}
                    {...field("errorThreshold")}
                  />
                  <TextField
                    label="Minimum soak (minutes)"
                    type="number"
                    min={0}
                    {...field("minSoakMinutes")}
                  />
                  <TextField
                    label="Reports before judging"
                    type="number"
                    min={1}
                    {...field("minReports")}
                  />
                </div>
              ) : null}
            </div>
          }
          confirmLabel={phased ? "Publish as rollout" : "Publish release"}
          pending={publish.pending}
          onClose={() => setOpen(false)}
          onConfirm={() =>
            publish.run(phased ? { releaseId, rollout: rolloutInput(rollout) } : { releaseId }, {
              onSuccess: (result) => {
                if (result.ok) setOpen(false);
              },
            })
          }
        />
      ) : null}
    </>
  );
}

export function YankButton({ releaseId, version }: { releaseId: string; version: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const yank = useServerAction(yankReleaseAction, { success: `Release ${version} yanked.` });
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Yank
      </Button>
      {open ? (
        <ConfirmDialog
          open
          danger
          title={`Yank ${version}?`}
          message={
            <div className="space-y-3">
              <p>
                Agents will no longer be offered this release, and downloads of its artifacts are
                refused from now on. A yank cannot be undone: publish a new version instead.
              </p>
              <TextAreaField
                label="Reason"
                name="reason"
                rows={3}
                maxLength={500}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                hint="Recorded in the audit trail and shown on the release."
                error={yank.fieldErrors.reason}
              />
            </div>
          }
          confirmLabel="Yank release"
          pending={yank.pending}
          onClose={() => setOpen(false)}
          onConfirm={() =>
            yank.run(
              { releaseId, reason: reason.trim() || undefined },
              {
                onSuccess: (result) => {
                  if (result.ok) setOpen(false);
                },
              },
            )
          }
        />
      ) : null}
    </>
  );
}
