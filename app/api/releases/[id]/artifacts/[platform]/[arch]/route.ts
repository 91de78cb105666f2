// Build pipeline: upload one build as the raw request body, with its SHA-256 (hex) in
// X-Checksum-SHA256 and optionally its file name in X-File-Name. The body is streamed into
// storage, never buffered; a checksum mismatch is a 422 and leaves nothing behind.
import { defineRoute, json } from "@/lib/http/route";
import { uploadArtifactFromRequest } from "@/lib/releases/upload-artifact-from-request";
import { artifactUploadParamsSchema } from "@/lib/releases/upload-artifact-from-request.schema";

export const dynamic = "force-dynamic";

export const PUT = defineRoute({
  name: "releases.upload_artifact",
  access: { kind: "client", scope: "artifacts:write" },
  rateLimit: ["client"],
  params: artifactUploadParamsSchema,
  handler: async ({ req, actor, params, ctx }) =>
    json(await uploadArtifactFromRequest({ req, actor, params, request: ctx }), 201),
});
