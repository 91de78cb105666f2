// Build pipeline: publish a draft release (signs its manifest). POST → 200.
import { z } from "zod";
import { defineRoute, json } from "@/lib/http/route";
import { releaseIdSchema } from "@/lib/releases/product.schema";
import { publishRelease } from "@/lib/releases/publish-release";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  name: "releases.publish",
  access: { kind: "client", scope: "releases:publish" },
  rateLimit: ["client"],
  params: z.object({ id: releaseIdSchema }),
  handler: async ({ actor, params, ctx }) =>
    json(await publishRelease({ actor, input: { releaseId: params.id }, request: ctx })),
});
