// The HTTP API as published at /api/openapi.json and /docs/api. Each operation names the zod
// schemas its route validates with; tests/updates/openapi.test.ts checks that every declared
// path has a route file and that the update API's real answers parse with the declared schemas.
import { z } from "zod";
import { createReleaseSchema } from "@/lib/releases/create-release.schema";
import { releaseIdSchema } from "@/lib/releases/product.schema";
import {
  ARCHES,
  fileNameSchema,
  PLATFORMS,
  sha256HexSchema,
} from "@/lib/releases/upload-artifact.schema";
import { yankReleaseBodySchema } from "@/lib/releases/yank-release.schema";
import { UPDATE_ANSWER_TTL_SECONDS } from "@/lib/updates/check-for-updates";
import {
  MAX_EVENTS_BODY_BYTES,
  MAX_EVENTS_PER_REPORT,
  reportInstallEventsAnswerSchema,
  reportInstallEventsSchema,
} from "@/lib/updates/install-events.schema";
import {
  MAX_UPDATE_BODY_BYTES,
  updateAnswerSchema,
  updateCheckRequestSchema,
} from "@/lib/updates/update-check.schema";
import {
  healthSchema,
  oauthErrorSchema,
  problemSchema,
  readySchema,
  signingKeysSchema,
  tokenRequestSchema,
  tokenResponseSchema,
} from "./common.schema";
import { OpenApiRegistry, type ResponseSpec } from "./registry";
import { publishedReleaseSchema, releaseViewSchema, uploadedArtifactSchema } from "./views.schema";

const problem = (description: string): ResponseSpec => ({ description, body: "problem" });
const oauthError = { contentType: "application/json", ref: "OAuthError" };

const RATE_LIMIT_HEADERS = {
  "RateLimit-Limit": { description: "Requests allowed in the window." },
  "RateLimit-Remaining": { description: "Requests left in the window." },
  "RateLimit-Reset": { description: "Seconds until the window resets." },
};

const common = {
  "401": problem("Missing, invalid or expired bearer token."),
  "403": problem("The token lacks the scope, or the request is refused (see `reason`)."),
  "429": {
    ...problem("Rate limit reached."),
    headers: { "Retry-After": { description: "Seconds to wait." } },
  },
} satisfies Record<string, ResponseSpec>;

const releaseIdParam = {
  name: "id",
  in: "path" as const,
  description: "Release id (rel_…)",
  schema: releaseIdSchema,
};

export function apiRegistry(): OpenApiRegistry {
  const registry = new OpenApiRegistry()
    .component("Problem", problemSchema)
    .component("OAuthError", oauthErrorSchema);

  registry.register({
    method: "post",
    path: "/api/oauth/token",
    operationId: "issueToken",
    tag: "OAuth2",
    summary: "Get an access token (client credentials grant)",
    description:
      "RFC 6749 §4.4. Authenticate with HTTP Basic (client_secret_basic) or client_id and client_secret in the form " +
      "(client_secret_post), never both. Errors follow RFC 6749 §5.2, not problem+json.",
    security: [{ kind: "client_credentials" }, { kind: "none" }],
    requestBody: { contentType: "application/x-www-form-urlencoded", schema: tokenRequestSchema },
    responses: {
      "200": {
        description: "A bearer token.",
        body: { contentType: "application/json", schema: tokenResponseSchema },
      },
      "400": {
        description: "invalid_request, unsupported_grant_type or invalid_scope.",
        body: oauthError,
      },
      "401": { description: "invalid_client.", body: oauthError },
      "413": { description: "The form exceeds 4 KB.", body: oauthError },
      "415": { description: "Not application/x-www-form-urlencoded.", body: oauthError },
      "429": common["429"],
    },
  });

  registry.register({
    method: "post",
    path: "/api/update",
    operationId: "checkForUpdates",
    tag: "Updates",
    summary: "Ask which updates this machine should install",
    description:
      "Each installed product is resolved against the license behind the client: `update_available` (with the release " +
      "and a signed, expiring artifact URL), `up_to_date`, or `not_entitled` (with a `reason`). The machine and its " +
      "versions are recorded against the license's machine limit. The body bytes are signed with the release key: " +
      "`X-Tollgate-Signature: keyId=<id>, sig=<base64>`; agents verify it against a pinned key, check `format`, " +
      `\`client\`, \`machine\`, the \`nonce\` they sent, and refuse the answer after \`expiresAt\` (${UPDATE_ANSWER_TTL_SECONDS / 60} minutes). ` +
      `Body limit ${MAX_UPDATE_BODY_BYTES / 1024} KB; unknown fields are refused.`,
    security: [{ kind: "oauth2", scope: "update:check" }],
    requestBody: { contentType: "application/json", schema: updateCheckRequestSchema },
    responses: {
      "200": {
        description: "The signed answer.",
        body: { contentType: "application/json", schema: updateAnswerSchema },
        headers: {
          "X-Tollgate-Signature": {
            description:
              "keyId=<release signing key id>, sig=<base64 Ed25519 signature of the body bytes>",
          },
          ...RATE_LIMIT_HEADERS,
        },
      },
      "400": problem("A field is invalid; `errors` names each one (e.g. products.0.version)."),
      ...common,
      "403": problem(
        "Missing scope, or the check is refused: `reason` is license_revoked, license_suspended, machine_limit_reached or client_not_bound_to_license.",
      ),
      "413": problem(`The body exceeds ${MAX_UPDATE_BODY_BYTES} bytes.`),
      "415": problem("The body is not application/json."),
    },
  });

  registry.register({
    method: "post",
    path: "/api/update/events",
    operationId: "reportInstallEvents",
    tag: "Updates",
    summary: "Report download, verification and install outcomes",
    description:
      "Per product and release version: `downloaded`, `verified`, `installed`, `failed` (with `error.code` and " +
      "`error.message`) or `rolled_back`, with the version before the step and its duration. Each (machine, release, " +
      "event) is recorded once: a retried report answers `duplicate` and changes nothing. The machine must have " +
      "checked in (POST /api/update) with this license. Outcomes drive rollouts: a phase whose error threshold is " +
      `crossed halts the rollout (docs/rollouts.md). Body limit ${MAX_EVENTS_BODY_BYTES / 1024} KB, at most ` +
      `${MAX_EVENTS_PER_REPORT} events; unknown fields are refused.`,
    security: [{ kind: "oauth2", scope: "update:report" }],
    requestBody: { contentType: "application/json", schema: reportInstallEventsSchema },
    responses: {
      "200": {
        description: "What became of each event, in the order sent.",
        body: { contentType: "application/json", schema: reportInstallEventsAnswerSchema },
        headers: RATE_LIMIT_HEADERS,
      },
      "400": problem("A field is invalid; `errors` names each one (e.g. events.0.error)."),
      ...common,
      "404": problem("This machine has not checked in with the client's license."),
      "413": problem(`The body exceeds ${MAX_EVENTS_BODY_BYTES} bytes.`),
      "415": problem("The body is not application/json."),
    },
  });

  registry.register({
    method: "get",
    path: "/api/downloads/{id}",
    operationId: "downloadArtifact",
    tag: "Updates",
    summary: "Download an artifact (signed URL)",
    description:
      "Use the `url` from an update answer as is. The URL is bound to the artifact and the client and expires " +
      "(DOWNLOAD_URL_TTL); the request must carry the same client's bearer token with update:download (or, for " +
      "URLs made by the customer portal, that customer's portal session). Supports a single `Range` (206) and " +
      "`If-Range` with the ETag, so interrupted downloads resume. A yanked release answers 410.",
    security: [{ kind: "oauth2", scope: "update:download" }, { kind: "customer_session" }],
    parameters: [
      { name: "id", in: "path", description: "Artifact id (art_…)", schema: z.string() },
      {
        name: "client",
        in: "query",
        description: "API client the URL is bound to (or `cust`)",
        schema: z.string(),
      },
      {
        name: "cust",
        in: "query",
        description: "Customer the URL is bound to (portal downloads)",
        schema: z.string(),
      },
      {
        name: "exp",
        in: "query",
        required: true,
        description: "Expiry, Unix seconds",
        schema: z.string(),
      },
      {
        name: "sig",
        in: "query",
        required: true,
        description: "HMAC-SHA256, base64url",
        schema: z.string(),
      },
      {
        name: "Range",
        in: "header",
        description: "bytes=<start>-[<end>] or bytes=-<suffix>",
        schema: z.string(),
      },
      {
        name: "If-Range",
        in: "header",
        description: "The ETag; the range applies only if it still matches",
        schema: z.string(),
      },
    ],
    responses: {
      "200": {
        description: "The whole file.",
        body: {
          contentType: "application/octet-stream",
          raw: { type: "string", contentMediaType: "application/octet-stream" },
        },
        headers: {
          "Content-Length": { description: "Bytes in the body." },
          ETag: { description: 'The artifact\'s SHA-256, quoted ("<hex>").' },
          "Accept-Ranges": { description: "bytes" },
          "Content-Disposition": { description: "attachment; filename=…" },
        },
      },
      "206": {
        description: "The requested range.",
        body: {
          contentType: "application/octet-stream",
          raw: { type: "string", contentMediaType: "application/octet-stream" },
        },
        headers: {
          "Content-Range": { description: "bytes <start>-<end>/<size>" },
          ETag: { description: "As for 200." },
        },
      },
      "400": problem("The URL is malformed."),
      ...common,
      "403": problem(
        "Bad signature, expired URL (`url_expired`), another client's URL (`wrong_client`), or no longer entitled.",
      ),
      "404": problem("No such artifact."),
      "410": problem("The release was yanked (`release_yanked`)."),
      "416": {
        ...problem("The range starts past the end."),
        headers: { "Content-Range": { description: "bytes */<size>" } },
      },
    },
  });

  registry.register({
    method: "post",
    path: "/api/releases",
    operationId: "createRelease",
    tag: "Releases",
    summary: "Create a draft release (build pipeline)",
    security: [{ kind: "oauth2", scope: "releases:write" }],
    requestBody: { contentType: "application/json", schema: createReleaseSchema },
    responses: {
      "201": {
        description: "The draft.",
        body: { contentType: "application/json", schema: releaseViewSchema },
      },
      "400": problem("A field is invalid."),
      ...common,
      "404": problem("No such product or channel."),
      "409": problem("The version exists already."),
    },
  });

  registry.register({
    method: "put",
    path: "/api/releases/{id}/artifacts/{platform}/{arch}",
    operationId: "uploadArtifact",
    tag: "Releases",
    summary: "Upload a build of a draft release (build pipeline)",
    description:
      "The raw file is the body, streamed into storage; the server's SHA-256 must equal X-Checksum-SHA256.",
    security: [{ kind: "oauth2", scope: "artifacts:write" }],
    parameters: [
      releaseIdParam,
      { name: "platform", in: "path", description: "Target OS", schema: z.enum(PLATFORMS) },
      { name: "arch", in: "path", description: "Target architecture", schema: z.enum(ARCHES) },
      {
        name: "X-Checksum-SHA256",
        in: "header",
        required: true,
        description: "SHA-256 of the body, hex",
        schema: sha256HexSchema,
      },
      {
        name: "X-File-Name",
        in: "header",
        description: "File name offered on download",
        schema: fileNameSchema,
      },
    ],
    requestBody: {
      contentType: "application/octet-stream",
      raw: { type: "string", contentMediaType: "application/octet-stream" },
    },
    responses: {
      "201": {
        description: "Stored and signed.",
        body: { contentType: "application/json", schema: uploadedArtifactSchema },
      },
      "400": problem("A header or path segment is invalid."),
      ...common,
      "404": problem("No such release."),
      "409": problem("The release is not a draft."),
      "413": problem("The file exceeds STORAGE_MAX_ARTIFACT_BYTES."),
      "422": problem("The checksum does not match."),
    },
  });

  registry.register({
    method: "post",
    path: "/api/releases/{id}/publish",
    operationId: "publishRelease",
    tag: "Releases",
    summary: "Publish a draft release (signs its manifest)",
    security: [{ kind: "oauth2", scope: "releases:publish" }],
    parameters: [releaseIdParam],
    responses: {
      "200": {
        description: "The published release and its signed manifest.",
        body: { contentType: "application/json", schema: publishedReleaseSchema },
      },
      ...common,
      "404": problem("No such release."),
      "409": problem("The release is not a draft."),
      "422": problem("The release has no artifacts."),
    },
  });

  registry.register({
    method: "post",
    path: "/api/releases/{id}/yank",
    operationId: "yankRelease",
    tag: "Releases",
    summary: "Yank a published release",
    description: "Agents are no longer offered it and its downloads answer 410. Final.",
    security: [{ kind: "oauth2", scope: "releases:yank" }],
    parameters: [releaseIdParam],
    requestBody: {
      contentType: "application/json",
      required: false,
      schema: yankReleaseBodySchema,
    },
    responses: {
      "200": {
        description: "The yanked release.",
        body: { contentType: "application/json", schema: releaseViewSchema },
      },
      "400": problem("The body is invalid."),
      ...common,
      "404": problem("No such release."),
      "409": problem("The release is not published."),
    },
  });

  registry.register({
    method: "get",
    path: "/.well-known/tollgate-signing-keys.json",
    operationId: "signingKeys",
    tag: "Updates",
    summary: "The release-signing public keys",
    description:
      "For operators setting up agents. Agents must not trust keys fetched at run time: pin the key (or keys, during " +
      "a rotation) in the agent's configuration. Also served at /api/signing-keys.",
    security: [{ kind: "none" }],
    responses: {
      "200": {
        description: "The active key first, then retired keys still accepted.",
        body: { contentType: "application/json", schema: signingKeysSchema },
      },
      "429": common["429"],
    },
  });

  registry.register({
    method: "get",
    path: "/api/health",
    operationId: "liveness",
    tag: "Operations",
    summary: "Liveness probe",
    security: [{ kind: "none" }],
    responses: {
      "200": {
        description: "The process is up.",
        body: { contentType: "application/json", schema: healthSchema },
      },
    },
  });

  registry.register({
    method: "get",
    path: "/api/ready",
    operationId: "readiness",
    tag: "Operations",
    summary: "Readiness probe (database, Redis, storage)",
    security: [{ kind: "none" }],
    responses: {
      "200": {
        description: "Ready to serve.",
        body: { contentType: "application/json", schema: readySchema },
      },
      "503": problem("A dependency is not answering; `down` lists which."),
    },
  });

  return registry;
}
