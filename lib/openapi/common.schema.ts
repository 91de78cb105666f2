// Schemas the OpenAPI document needs that no route validates with: the problem document every
// error is (lib/http/problem.ts), and the token endpoint's form and answers, whose reader
// (lib/oauth/token-request.ts) parses the form by hand to follow RFC 6749 to the letter.
import { z } from "zod";
import { ERROR_CODES } from "@/lib/errors/app-error";

export const problemSchema = z
  .looseObject({
    type: z.url().describe("https://tollgate.dev/problems/<code>"),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional().describe("The request path."),
    requestId: z.string().optional().describe("Quote it when reporting a problem."),
    code: z.enum(
      Object.keys(ERROR_CODES) as [keyof typeof ERROR_CODES, ...(keyof typeof ERROR_CODES)[]],
    ),
    errors: z
      .array(
        z.object({
          path: z.string().describe("The field, e.g. products.0.version"),
          message: z.string(),
        }),
      )
      .optional()
      .describe("One entry per invalid field (validation failures)."),
    reason: z
      .string()
      .optional()
      .describe("A machine-readable refusal reason, e.g. license_revoked."),
  })
  .describe("RFC 9457 problem details; further members may appear.");

export const tokenRequestSchema = z.object({
  grant_type: z.literal("client_credentials"),
  scope: z
    .string()
    .optional()
    .describe(
      'Space-separated, e.g. "update:check update:download"; default: every scope the client holds.',
    ),
  client_id: z.string().max(128).optional().describe("client_secret_post only"),
  client_secret: z.string().max(256).optional().describe("client_secret_post only"),
});

export const tokenResponseSchema = z.object({
  access_token: z.string(),
  token_type: z.literal("Bearer"),
  expires_in: z.number().int().describe("Seconds (TOKEN_TTL)."),
  scope: z.string(),
});

export const oauthErrorSchema = z.object({
  error: z.enum(["invalid_request", "invalid_client", "unsupported_grant_type", "invalid_scope"]),
  error_description: z.string(),
});

export const healthSchema = z.object({ status: z.literal("ok") });
export const readySchema = z.object({
  status: z.literal("ready"),
  checks: z.record(z.string(), z.string()),
});

export const signingKeysSchema = z.object({
  algorithm: z.literal("Ed25519"),
  formats: z.object({ artifact: z.string(), manifest: z.string() }),
  keys: z.array(
    z.object({
      keyId: z.string(),
      algorithm: z.literal("Ed25519"),
      publicKeyPem: z.string(),
      publicKeyBase64: z.string().describe("The raw 32-byte key, base64: what agents pin."),
      status: z.enum(["active", "previous"]),
    }),
  ),
});
