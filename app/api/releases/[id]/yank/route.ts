// Build pipeline: yank a published release; the JSON body {"reason"} is optional. POST → 200.
import { z } from "zod";
import { env } from "@/lib/env";
import { readJson } from "@/lib/http/read-body";
import { defineRoute, json } from "@/lib/http/route";
import { releaseIdSchema } from "@/lib/releases/product.schema";
import { yankRelease } from "@/lib/releases/yank-release";
import { yankReleaseBodySchema } from "@/lib/releases/yank-release.schema";

export const dynamic = "force-dynamic";

// No body at all is fine; a body must be JSON.
function hasBody(req: Request): boolean {
  const length = req.headers.get("content-length");
  if (length !== null) return Number(length) > 0;
  return req.headers.has("content-type") || req.headers.has("transfer-encoding");
}

export const POST = defineRoute({
  name: "releases.yank",
  access: { kind: "client", scope: "releases:yank" },
  rateLimit: ["client"],
  params: z.object({ id: releaseIdSchema }),
  handler: async ({ req, actor, params, ctx }) => {
    const body = hasBody(req)
      ? await readJson(req, yankReleaseBodySchema, env().MAX_JSON_BODY_BYTES)
      : {};
    return json(
      await yankRelease({
        actor,
        input: { releaseId: params.id, reason: body.reason },
        request: ctx,
      }),
    );
  },
});
