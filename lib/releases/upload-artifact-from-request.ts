// The upload contract shared by the build pipeline's route and the staff portal's: the file as
// the raw request body, its SHA-256 (hex) in X-Checksum-SHA256 and optionally its file name in
// X-File-Name. The body is streamed into storage, never buffered; a checksum mismatch is a 422
// and leaves nothing behind (uploadArtifact). Only the routes' access rules differ.
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { z } from "zod";
import type { Actor } from "@/lib/authz/actor";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import type { StorageAccessContext } from "@/lib/storage/storage-access";
import { uploadArtifact, type UploadedArtifact } from "./upload-artifact";
import { ARTIFACT_FILE_NAME_RULE } from "./artifact-file-name";
import { fileNameSchema, sha256HexSchema } from "./upload-artifact.schema";
import type { ArtifactUploadParams } from "./upload-artifact-from-request.schema";

// What each header is to the person who sent it: the detail of a refusal says what to fix.
const HEADER_PROBLEMS: Record<string, string> = {
  "x-checksum-sha256":
    "The file's checksum (X-Checksum-SHA256) must be its SHA-256 as 64 hexadecimal characters.",
  "x-file-name": `The file name (X-File-Name) cannot be used. ${ARTIFACT_FILE_NAME_RULE}`,
};

// Headers are checked before the body is read, so a bad one is refused without storing anything.
function header<T>(headers: Headers, name: string, schema: z.ZodType<T>): T | undefined {
  const raw = headers.get(name);
  if (raw === null || raw === "") return undefined;
  const parsed = schema.safeParse(raw.trim());
  if (!parsed.success) {
    throw new AppError("bad_request", HEADER_PROBLEMS[name] ?? `The ${name} header is not valid.`, {
      errors: [{ path: name, message: parsed.error.issues[0]?.message ?? "not valid" }],
    });
  }
  return parsed.data;
}

export async function uploadArtifactFromRequest({
  req,
  actor,
  params,
  request,
}: {
  req: Request;
  actor: Actor;
  params: ArtifactUploadParams;
  request?: StorageAccessContext["request"];
}): Promise<UploadedArtifact> {
  const sha256 = header(req.headers, "x-checksum-sha256", sha256HexSchema);
  if (sha256 === undefined) {
    throw new AppError(
      "bad_request",
      "The X-Checksum-SHA256 header (the file's SHA-256, hex) is required.",
      { errors: [{ path: "x-checksum-sha256", message: "required" }] },
    );
  }
  const fileName = header(req.headers, "x-file-name", fileNameSchema);
  // Refuse a declared oversize at once; the limit is enforced again while streaming.
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > env().STORAGE_MAX_ARTIFACT_BYTES) {
    throw new AppError(
      "payload_too_large",
      `The file exceeds the limit of ${env().STORAGE_MAX_ARTIFACT_BYTES} bytes.`,
    );
  }
  if (!req.body)
    throw new AppError("bad_request", "The request has no body: send the file as the raw body.");
  return uploadArtifact({
    actor,
    input: {
      releaseId: params.id,
      platform: params.platform,
      arch: params.arch,
      sha256,
      fileName,
    },
    body: Readable.fromWeb(req.body as NodeReadableStream<Uint8Array>),
    request,
  });
}
