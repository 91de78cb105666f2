// Staff portal: the same upload as the build pipeline's route (raw body, X-Checksum-SHA256,
// X-File-Name), for a signed-in release manager. The portal's upload form sends it with
// XMLHttpRequest so that the browser can report the upload's progress.
import { defineRoute, json } from "@/lib/http/route";
import { uploadArtifactFromRequest } from "@/lib/releases/upload-artifact-from-request";
import { artifactUploadParamsSchema } from "@/lib/releases/upload-artifact-from-request.schema";

export const dynamic = "force-dynamic";

export const PUT = defineRoute({
  name: "admin.releases.upload_artifact",
  access: { kind: "staff", permission: "artifacts:write" },
  rateLimit: ["ip"],
  params: artifactUploadParamsSchema,
  handler: async ({ req, actor, params, ctx }) =>
    json(await uploadArtifactFromRequest({ req, actor, params, request: ctx }), 201),
});
