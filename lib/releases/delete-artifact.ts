// Removes one platform/arch artifact from a draft release (a wrong build uploaded by mistake).
// The row goes first, in the audited transaction; the object after, so a failure in between
// leaves at most an unreferenced object, never a row pointing at nothing.
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { storageFor, type StorageAccessContext } from "@/lib/storage/storage-access";
import { deleteArtifactSchema, type DeleteArtifactInput } from "./delete-artifact.schema";
import { lockReleaseInStatus } from "./lock-release";
import { artifactView, type ArtifactView } from "./views";

export async function deleteArtifact({
  actor,
  input,
  request,
}: {
  actor: Actor;
  input: DeleteArtifactInput;
  request?: StorageAccessContext["request"];
}): Promise<ArtifactView> {
  authorize(actor, "artifacts:write");
  const data = deleteArtifactSchema.parse(input);
  const removed = await db().$transaction(async (tx) => {
    await lockReleaseInStatus(
      tx,
      data.releaseId,
      "DRAFT",
      "Artifacts can be deleted only from a draft release.",
    );
    const artifact = await tx.artifact.findUnique({
      where: {
        releaseId_platform_arch: {
          releaseId: data.releaseId,
          platform: data.platform,
          arch: data.arch,
        },
      },
    });
    if (!artifact)
      throw new AppError("not_found", "The release has no artifact for this platform.");
    await tx.artifact.delete({ where: { id: artifact.id } });
    await recordAudit(tx, {
      action: "artifacts.deleted",
      actor,
      request,
      target: { type: "artifact", id: artifact.id },
      before: artifactView(artifact),
      metadata: { releaseId: data.releaseId },
    });
    return artifact;
  });
  await storageFor({ actor, request }).delete(removed.storageKey);
  return artifactView(removed);
}
