"use client";

import { useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import type { Arch, Platform } from "@/lib/releases/upload-artifact.schema";
import { deleteArtifactAction } from "./actions";

export function DeleteArtifactButton({
  releaseId,
  platform,
  arch,
  fileName,
}: {
  releaseId: string;
  platform: Platform;
  arch: Arch;
  fileName: string;
}) {
  const [open, setOpen] = useState(false);
  const remove = useServerAction(deleteArtifactAction, { success: `${fileName} deleted.` });
  return (
    <>
      <Button
        variant="ghost"
        className="text-red-700"
        onClick={() => setOpen(true)}
        aria-label={`Delete ${platform}/${arch} artifact`}
      >
        Delete
      </Button>
      {/* Mounted only while open: the dialogs of several rows would share their title's id. */}
      {open ? (
        <ConfirmDialog
          open
          danger
          title={`Delete the ${platform}/${arch} artifact?`}
          message={
            <p>
              <span className="font-mono">{fileName}</span> is removed from this draft and from
              storage. You can upload another build for {platform}/{arch} afterwards.
            </p>
          }
          confirmLabel="Delete artifact"
          pending={remove.pending}
          onClose={() => setOpen(false)}
          onConfirm={() =>
            remove.run({ releaseId, platform, arch }, { onSettled: () => setOpen(false) })
          }
        />
      ) : null}
    </>
  );
}
