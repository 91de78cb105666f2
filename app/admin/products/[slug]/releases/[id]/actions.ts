"use server";

import { defineAction } from "@/lib/http/action";
import { deleteArtifact } from "@/lib/releases/delete-artifact";
import { deleteArtifactSchema } from "@/lib/releases/delete-artifact.schema";
import { publishRelease } from "@/lib/releases/publish-release";
import { publishReleaseSchema } from "@/lib/releases/publish-release.schema";
import { yankRelease } from "@/lib/releases/yank-release";
import { yankReleaseSchema } from "@/lib/releases/yank-release.schema";

// Publishing puts a build in front of every entitled agent: a sensitive action, so it needs a
// fresh security key check (step-up), as role changes do.
export const publishReleaseAction = defineAction({
  name: "releases.publish",
  access: { kind: "staff", permission: "releases:publish", stepUp: true },
  input: publishReleaseSchema,
  handler: ({ actor, input, ctx }) => publishRelease({ actor, input, request: ctx }),
});

export const yankReleaseAction = defineAction({
  name: "releases.yank",
  access: { kind: "staff", permission: "releases:yank" },
  input: yankReleaseSchema,
  handler: ({ actor, input, ctx }) => yankRelease({ actor, input, request: ctx }),
});

export const deleteArtifactAction = defineAction({
  name: "artifacts.delete",
  access: { kind: "staff", permission: "artifacts:write" },
  input: deleteArtifactSchema,
  handler: ({ actor, input, ctx }) => deleteArtifact({ actor, input, request: ctx }),
});
