// Hands an authorized artifact to the client, in the delivery mode the deployment chose
// (DOWNLOAD_DELIVERY): streamed by this process from storage (the default), or handed to the
// edge with X-Accel-Redirect to an internal nginx location that serves the file from the same
// storage directory, or redirected to a short-lived presigned URL of the S3 bucket. Every way the
// same audit record: downloads.served with the range asked
// for, and the download counted once, when the file's last byte is handed over. A streamed
// download is recorded when the stream has ended, with the bytes actually sent; a HEAD opens
// nothing, counts nothing and is recorded as downloads.inspected.
import type { Actor } from "@/lib/authz/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { toAppError } from "@/lib/http/error-mapper";
import {
  deliversLastByte,
  fileHeaders,
  fileResponse,
  planFileDelivery,
  type FileDelivery,
  type FileFacts,
} from "@/lib/http/file-response";
import type { RequestContext } from "@/lib/http/request-context";
import { storageFor } from "@/lib/storage/storage-access";
import { isStaffDownload, principalOf, type AuthorizedArtifact } from "./authorize-download";
import { auditedDownloadRefusal } from "./download-refusal";

// A presigned URL is a bearer credential for the object: short, since the client follows it at once.
const PRESIGNED_TTL_SECONDS = 60;

interface Delivered {
  delivery: Extract<FileDelivery, { kind: "body" }>;
  // null when the edge sends the bytes and this process cannot know how many arrived.
  bytesSent: number | null;
  complete: boolean | null;
}

function describe(artifact: AuthorizedArtifact) {
  return {
    release: artifact.release.id,
    product: artifact.release.product.slug,
    version: artifact.release.version,
    platform: `${artifact.platform}/${artifact.arch}`,
  };
}

async function recordServed(
  actor: Actor,
  ctx: RequestContext,
  artifact: AuthorizedArtifact,
  { delivery, bytesSent, complete }: Delivered,
  mode: "stream" | "x-accel-redirect" | "s3-presigned",
): Promise<void> {
  // The count is of what reached customers' machines; a staff download is in the trail only.
  const counted = !isStaffDownload(actor) && complete !== false && deliversLastByte(delivery);
  await db().$transaction(async (tx) => {
    await recordAudit(tx, {
      action: "downloads.served",
      actor,
      request: ctx,
      result: complete === false ? "FAILURE" : "SUCCESS",
      reason: complete === false ? "the client stopped before the end of the range" : undefined,
      target: { type: "artifact", id: artifact.id },
      metadata: {
        ...describe(artifact),
        holder: principalOf(actor)?.kind ?? null,
        delivery: mode,
        status: delivery.status,
        range: { start: delivery.start, end: delivery.end },
        size: delivery.total,
        bytesSent,
        complete,
      },
    });
    if (counted)
      await tx.artifact.update({
        where: { id: artifact.id },
        data: { downloadCount: { increment: 1 } },
      });
  });
}

export async function deliverDownload({
  req,
  ctx,
  actor,
  artifact,
}: {
  req: Request;
  ctx: RequestContext;
  actor: Actor;
  artifact: AuthorizedArtifact;
}): Promise<Response> {
  const file: FileFacts = {
    size: Number(artifact.size),
    sha256: artifact.sha256,
    fileName: artifact.fileName,
  };
  let delivery: FileDelivery;
  try {
    delivery = planFileDelivery(req, file);
  } catch (thrown) {
    const refusal = { actor, ctx, artifactId: artifact.id, principal: principalOf(actor) };
    throw await auditedDownloadRefusal(refusal, toAppError(thrown));
  }

  if (delivery.kind === "head") {
    await recordAudit(db(), {
      action: "downloads.inspected",
      actor,
      request: ctx,
      target: { type: "artifact", id: artifact.id },
      metadata: { ...describe(artifact), size: file.size },
    });
    return fileResponse(delivery, file, null);
  }

  const e = env();
  if (e.DOWNLOAD_DELIVERY === "x-accel-redirect") {
    // The edge streams the file and answers the Range itself; the record is of the hand-off.
    await recordServed(
      actor,
      ctx,
      artifact,
      { delivery, bytesSent: null, complete: null },
      "x-accel-redirect",
    );
    const headers = fileHeaders(delivery, file);
    delete headers["content-length"];
    delete headers["content-range"];
    headers["x-accel-redirect"] = `${e.DOWNLOAD_X_ACCEL_LOCATION}${artifact.storageKey}`;
    // nginx keeps only a few upstream headers on an internal redirect; its location adds this
    // one back as the ETag (deploy/nginx).
    headers["x-tollgate-etag"] = headers.etag ?? "";
    return new Response(null, { status: 200, headers });
  }

  if (e.DOWNLOAD_DELIVERY === "s3-presigned") {
    // Followed at once; the client sends its Range to the bucket, which answers it.
    const url = await storageFor({ actor, request: ctx }).presignGet(artifact.storageKey, {
      expiresInSeconds: PRESIGNED_TTL_SECONDS,
      fileName: artifact.fileName,
    });
    if (url) {
      await recordServed(
        actor,
        ctx,
        artifact,
        { delivery, bytesSent: null, complete: null },
        "s3-presigned",
      );
      return new Response(null, {
        status: 307,
        headers: { location: url, "cache-control": "private, no-store" },
      });
    }
  }

  const read = await storageFor({ actor, request: ctx }).get(
    artifact.storageKey,
    delivery.status === 206 ? { start: delivery.start, end: delivery.end } : {},
  );
  read.done
    .then(({ bytesSent, complete }) =>
      recordServed(actor, ctx, artifact, { delivery, bytesSent, complete }, "stream"),
    )
    .catch((error: unknown) =>
      ctx.log.error({ err: error, artifactId: artifact.id }, "could not audit a download"),
    );
  return fileResponse(delivery, file, read.stream);
}
