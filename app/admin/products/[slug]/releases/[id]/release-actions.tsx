"use client";

import { useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { verifySecurityKey } from "@/components/identity/webauthn-client";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { TextAreaField } from "@/components/ui/field";
import { publishReleaseAction, yankReleaseAction } from "./actions";

type PublishResult = Awaited<ReturnType<typeof publishReleaseAction>>;

// When the server asks for a step-up, confirm with the security key right here and publish
// again. If the key check cannot run (no key registered, cancelled), the first answer stands
// and useServerAction sends the user to the step-up page, which also offers enrollment.
async function publishWithStepUp(releaseId: string): Promise<PublishResult> {
  const first = await publishReleaseAction({ releaseId });
  if (first.ok || !first.error.stepUpRequired) return first;
  try {
    await verifySecurityKey("step-up");
  } catch {
    return first;
  }
  return publishReleaseAction({ releaseId });
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
            <p>
              Entitled update agents will be offered this release and its artifacts at once. The
              release manifest is signed now; artifacts can no longer be changed. You may be asked
              to confirm with your security key.
            </p>
          }
          confirmLabel="Publish release"
          pending={publish.pending}
          onClose={() => setOpen(false)}
          onConfirm={() => publish.run(releaseId, { onSettled: () => setOpen(false) })}
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
