"use server";

import { defineAction } from "@/lib/http/action";
import { createRelease } from "@/lib/releases/create-release";
import { createReleaseSchema } from "@/lib/releases/create-release.schema";

export const createReleaseAction = defineAction({
  name: "releases.create",
  access: { kind: "staff", permission: "releases:write" },
  input: createReleaseSchema,
  handler: ({ actor, input, ctx }) => createRelease({ actor, input, request: ctx }),
});
