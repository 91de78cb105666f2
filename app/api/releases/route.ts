// Build pipeline: create a draft release. POST {"product","version","channel","notes"} → 201.
import { defineRoute, json } from "@/lib/http/route";
import { createRelease } from "@/lib/releases/create-release";
import { createReleaseSchema } from "@/lib/releases/create-release.schema";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  name: "releases.create",
  access: { kind: "client", scope: "releases:write" },
  rateLimit: ["client"],
  body: createReleaseSchema,
  handler: async ({ actor, body, ctx }) =>
    json(await createRelease({ actor, input: body, request: ctx }), 201),
});
