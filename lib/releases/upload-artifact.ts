// Stores a build for one platform/arch of a draft release. The body streams into storage (hashed
// and size-limited on the way); the object lands under a fresh key so that replacing an artifact
// never overwrites the live one before the database agrees. If the declared checksum does not
// match, the storage driver discards the upload and no row is written: nothing is left behind.
import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { toAppError } from "@/lib/http/error-mapper";
import { AppError } from "@/lib/errors/app-error";
import { log as rootLog } from "@/lib/log";
import { signArtifact } from "@/lib/signing/artifact-signature";
import { storageFor, type StorageAccessContext } from "@/lib/storage/storage-access";
import { lockReleaseInStatus } from "./lock-release";
import { uploadArtifactSchema, type UploadArtifactInput } from "./upload-artifact.schema";
import { artifactView } from "./views";

export interface UploadedArtifact {
  id: string;
  releaseId: string;
  platform: string;
  arch: string;
  fileName: string;
  size: number;
  sha256: string;
  signature: string;
  keyId: string;
  // True when it replaced an earlier upload for the same platform/arch.
  replaced: boolean;
}

const DRAFT_ONLY = "Artifacts can be uploaded only to a draft release.";

// The storage access layer has already recorded the object-level failure; this is the
// release-level record of the attempt.
async function recordFailure(
  context: StorageAccessContext,
  releaseId: string,
  details: Record<string, unknown>,
  error: unknown,
): Promise<void> {
  const appError = toAppError(error);
  try {
    await recordAudit(db(), {
      action: "artifacts.upload_failed",
      actor: context.actor,
      request: context.request,
      result: "FAILURE",
      reason: appError.message,
      target: { type: "release", id: releaseId },
      metadata: { ...details, code: appError.code },
    });
  } catch (auditError) {
    // The caller reports the upload's own error; a failing audit write is an operational alarm.
    (context.request?.log ?? rootLog).error(
      { err: auditError, releaseId },
      "could not audit a failed upload",
    );
  }
}

export async function uploadArtifact({
  actor,
  input,
  body,
  request,
}: {
  actor: Actor;
  input: UploadArtifactInput;
  body: Readable;
  request?: StorageAccessContext["request"];
}): Promise<UploadedArtifact> {
  authorize(actor, "artifacts:write");
  const data = uploadArtifactSchema.parse(input);
  const release = await db().release.findUnique({
    where: { id: data.releaseId },
    include: { product: true },
  });
  if (!release) throw new AppError("not_found", "The release does not exist.");
  if (release.status !== "DRAFT") throw new AppError("conflict", DRAFT_ONLY);

  const product = release.product.slug;
  const fileName = data.fileName ?? `${product}-${release.version}-${data.platform}-${data.arch}`;
  const storageKey = `artifacts/${product}/${release.id}/${data.platform}-${data.arch}/${randomUUID()}`;
  const context: StorageAccessContext = { actor, request };
  const storage = storageFor(context);
  const attempt = {
    platform: data.platform,
    arch: data.arch,
    fileName,
    declaredSha256: data.sha256,
  };

  let stored: { size: number; sha256: string };
  try {
    stored = await storage.put(storageKey, body, {
      maxBytes: env().STORAGE_MAX_ARTIFACT_BYTES,
      expectedSha256: data.sha256,
    });
  } catch (error) {
    await recordFailure(context, release.id, attempt, error);
    throw error;
  }

  let outcome;
  try {
    const signed = signArtifact({
      product,
      version: release.version,
      platform: data.platform,
      arch: data.arch,
      size: stored.size,
      sha256: stored.sha256,
    });
    outcome = await db().$transaction(async (tx) => {
      // A concurrent publish either waits for this artifact or wins and makes this upload fail.
      await lockReleaseInStatus(tx, release.id, "DRAFT", DRAFT_ONLY);
      const previous = await tx.artifact.findUnique({
        where: {
          releaseId_platform_arch: {
            releaseId: release.id,
            platform: data.platform,
            arch: data.arch,
          },
        },
      });
      if (previous) await tx.artifact.delete({ where: { id: previous.id } });
      const artifact = await tx.artifact.create({
        data: {
          releaseId: release.id,
          platform: data.platform,
          arch: data.arch,
          fileName,
          size: BigInt(stored.size),
          sha256: stored.sha256,
          signature: signed.signature,
          signingKeyId: signed.keyId,
          storageKey,
        },
      });
      await recordAudit(tx, {
        action: "artifacts.uploaded",
        actor,
        request,
        target: { type: "artifact", id: artifact.id },
        before: previous ? artifactView(previous) : undefined,
        after: artifactView(artifact),
        metadata: { releaseId: release.id, product, version: release.version },
      });
      return { artifact, previous };
    });
  } catch (error) {
    await storage.delete(storageKey).catch((deleteError: unknown) => {
      (request?.log ?? rootLog).error(
        { err: deleteError, storageKey },
        "could not remove an unrecorded upload",
      );
    });
    await recordFailure(context, release.id, attempt, error);
    throw error;
  }

  if (outcome.previous) {
    try {
      await storage.delete(outcome.previous.storageKey);
    } catch (error) {
      // The new artifact is in place; the old object is unreachable and only wastes space.
      (request?.log ?? rootLog).error(
        { err: error, storageKey: outcome.previous.storageKey },
        "could not delete a replaced artifact",
      );
    }
  }

  const view = artifactView(outcome.artifact);
  return {
    id: view.id,
    releaseId: view.releaseId,
    platform: view.platform,
    arch: view.arch,
    fileName: view.fileName,
    size: view.size,
    sha256: view.sha256,
    signature: view.signature,
    keyId: view.keyId,
    replaced: outcome.previous !== null,
  };
}
