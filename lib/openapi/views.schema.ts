// JSON shapes of the release API's answers (lib/releases/views.ts serialised: dates as ISO
// strings, sizes as numbers), for the OpenAPI document. The test in tests/updates/openapi.test.ts
// parses real answers with these, so they cannot drift from what the routes send.
import { z } from "zod";

const isoDate = z.iso.datetime({ offset: true });

export const releaseViewSchema = z.object({
  id: z.string(),
  product: z.string(),
  version: z.string(),
  channel: z.string(),
  status: z.enum(["DRAFT", "PUBLISHED", "YANKED"]),
  notes: z.string(),
  critical: z.boolean(),
  required: z.boolean(),
  minimumVersion: z.string().nullable(),
  manifestSignature: z.string().nullable(),
  signingKeyId: z.string().nullable(),
  createdAt: isoDate,
  publishedAt: isoDate.nullable(),
  yankedAt: isoDate.nullable(),
  yankedReason: z.string().nullable(),
});

export const uploadedArtifactSchema = z.object({
  id: z.string(),
  releaseId: z.string(),
  platform: z.string(),
  arch: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  signature: z
    .string()
    .describe("Ed25519 over the artifact signing message (docs/signing.md), base64"),
  keyId: z.string(),
  replaced: z
    .boolean()
    .describe("True when it replaced an earlier upload for the same platform/arch"),
});

export const publishedReleaseSchema = releaseViewSchema.extend({
  rolloutId: z.string().nullable().describe("The rollout it was published into (staff only)"),
  manifest: z.object({
    format: z.literal("tollgate-release-manifest-v1"),
    product: z.string(),
    version: z.string(),
    channel: z.string(),
    artifacts: z.array(
      z.object({
        platform: z.string(),
        arch: z.string(),
        fileName: z.string(),
        size: z.number().int(),
        sha256: z.string(),
      }),
    ),
  }),
});
