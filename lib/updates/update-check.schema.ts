// The update check's wire format. The request side is the threat model's "sanity checks on the
// version metadata agents send": every field has an allowlisted shape and a bound, unknown fields
// are refused, and nothing the agent sends is stored or used before it passed these schemas.
// The response side documents the answer (OpenAPI) and lets the reference agent parse it.
import { z } from "zod";
import { versionSchema } from "@/lib/releases/create-release.schema";
import { channelNameSchema, productSlugSchema } from "@/lib/releases/product.schema";
import { ARCHES, PLATFORMS } from "@/lib/releases/upload-artifact.schema";

export const UPDATE_ANSWER_FORMAT = "tollgate-update-answer-v1";
export const MAX_PRODUCTS_PER_CHECK = 20;
// Far above a real check (20 products of ~150 bytes each), far below what could hurt.
export const MAX_UPDATE_BODY_BYTES = 16 * 1024;

export const machineIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,128}$/, "1-128 letters, digits, . _ : -");

// RFC 1123 host names, plus "_" which Windows machine names may contain.
export const hostnameSchema = z
  .string()
  .max(253)
  .regex(/^[A-Za-z0-9_](?:[A-Za-z0-9._-]*[A-Za-z0-9_])?$/, "letters, digits, . _ - (at most 253)");

export const nonceSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,128}$/, "16-128 characters of base64url");

export const installedProductSchema = z.strictObject({
  product: productSlugSchema.describe("Product slug, e.g. acme-server"),
  version: versionSchema.describe(
    "The installed version: strict semver (1.4.2, 2.0.0-rc.1), no build metadata, at most 64 characters",
  ),
  channel: channelNameSchema.describe("The channel the machine follows, e.g. stable"),
  platform: z.enum(PLATFORMS),
  arch: z.enum(ARCHES),
});

export const updateCheckRequestSchema = z
  .strictObject({
    products: z.array(installedProductSchema).min(1).max(MAX_PRODUCTS_PER_CHECK),
    machine: z.strictObject({
      id: machineIdSchema.describe("The agent's stable identifier for this machine"),
      hostname: hostnameSchema.optional(),
    }),
    // Echoed in the signed answer, so the agent can tell a replayed answer from a fresh one.
    nonce: nonceSchema.optional().describe("Random per request; echoed in the signed answer"),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.products.forEach((p, i) => {
      const key = `${p.product} ${p.platform} ${p.arch}`;
      if (seen.has(key)) {
        ctx.addIssue({
          code: "custom",
          path: ["products", i, "product"],
          message: "the same product, platform and arch are listed twice",
        });
      }
      seen.add(key);
    });
  });

export type UpdateCheckRequest = z.infer<typeof updateCheckRequestSchema>;
export type InstalledProduct = z.infer<typeof installedProductSchema>;

export const NOT_ENTITLED_REASONS = [
  "license_expired",
  "product_not_entitled",
  "channel_not_entitled",
  "platform_not_entitled",
] as const;
export type NotEntitledReason = (typeof NOT_ENTITLED_REASONS)[number];

const isoDate = z.iso.datetime({ offset: true });

export const offeredReleaseSchema = z.strictObject({
  id: z.string(),
  version: z.string(),
  channel: z.string(),
  publishedAt: isoDate.nullable(),
  // True when this release, or any release between the installed version and it, is critical.
  critical: z.boolean(),
  minimumVersion: z.string().nullable(),
  // True when a newer release exists that the installed version may not take directly: this one
  // is the step on the way (see docs/update-api.md, "Minimum versions").
  steppingStone: z.boolean(),
});

export const offeredArtifactSchema = z.strictObject({
  id: z.string(),
  url: z.url(),
  expiresAt: isoDate,
  fileName: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  // Ed25519 over lib/signing/artifact-signature.ts's message, base64, by key `keyId`.
  signature: z.string(),
  keyId: z.string(),
});

// Present only on an approved rollback (docs/rollouts.md): the one case in which an agent installs
// an older version. Bound to the machine, the product and the exact from → to versions, and
// expiring; the answer's signature covers it like everything else.
export const rollbackInstructionSchema = z.strictObject({
  id: z.string(),
  license: z.string(),
  machine: z.string(),
  product: z.string(),
  from: z.string(),
  to: z.string(),
  expiresAt: isoDate,
  reason: z.string(),
});

export const updateResultSchema = z.strictObject({
  product: z.string(),
  installed: z.string(),
  channel: z.string(),
  platform: z.string(),
  arch: z.string(),
  status: z.enum(["update_available", "up_to_date", "not_entitled"]),
  // The newest version this license may run on that channel and platform (null: none exists).
  latest: z.string().nullable(),
  reason: z.enum([...NOT_ENTITLED_REASONS, "no_upgrade_path"]).optional(),
  release: offeredReleaseSchema.optional(),
  artifact: offeredArtifactSchema.optional(),
  rollback: rollbackInstructionSchema.optional(),
});

export const updateAnswerSchema = z.strictObject({
  format: z.literal(UPDATE_ANSWER_FORMAT),
  // The OAuth client_id and machine the answer was made for.
  client: z.string(),
  machine: z.string(),
  nonce: z.string().optional(),
  issuedAt: isoDate,
  // Agents refuse the answer after this instant (stale or replayed).
  expiresAt: isoDate,
  keyId: z.string(),
  updates: z.array(updateResultSchema),
});

export type UpdateResult = z.infer<typeof updateResultSchema>;
export type RollbackInstruction = z.infer<typeof rollbackInstructionSchema>;
export type OfferedRelease = z.infer<typeof offeredReleaseSchema>;
export type OfferedArtifact = z.infer<typeof offeredArtifactSchema>;
export type UpdateAnswer = z.infer<typeof updateAnswerSchema>;

export const SIGNATURE_HEADER = "x-tollgate-signature";
