// The release-signing public keys, for agents and anyone verifying a download (docs/signing.md).
// Canonical URL: /.well-known/tollgate-signing-keys.json, which serves this same handler;
// /api/signing-keys is the same document under the API prefix.
import { defineRoute, json } from "@/lib/http/route";
import { ARTIFACT_MESSAGE_FORMAT } from "@/lib/signing/artifact-signature";
import { publicKeys } from "@/lib/signing/public-keys";
import { RELEASE_MANIFEST_FORMAT } from "@/lib/signing/release-manifest";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  name: "signing.public_keys",
  access: { kind: "public", reason: "publishes the release-signing public keys" },
  rateLimit: ["ip"],
  handler: async () =>
    json(
      {
        algorithm: "Ed25519",
        formats: { artifact: ARTIFACT_MESSAGE_FORMAT, manifest: RELEASE_MANIFEST_FORMAT },
        keys: publicKeys(),
      },
      200,
      { "cache-control": "public, max-age=300" },
    ),
});
