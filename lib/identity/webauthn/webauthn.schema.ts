// The JSON the browser (@simplewebauthn/browser) posts back; @simplewebauthn/server verifies the
// contents, this only bounds the shape and sizes before we hand it over.
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { z } from "zod";

const b64url = z
  .string()
  .max(16_384)
  .regex(/^[A-Za-z0-9_-]*={0,2}$/, "must be base64url");

const common = {
  id: b64url.min(1).max(1024),
  rawId: b64url.min(1).max(1024),
  type: z.literal("public-key"),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
};

export const registrationResponseSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: b64url,
    attestationObject: b64url,
    authenticatorData: b64url.optional(),
    transports: z.array(z.string().max(32)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: b64url.optional(),
  }),
});

export const authenticationResponseSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: b64url,
    authenticatorData: b64url,
    signature: b64url,
    userHandle: b64url.optional(),
  }),
});

export const registrationBodySchema = z.object({ response: registrationResponseSchema });

export const assertionPurposeSchema = z.enum(["mfa", "step-up"]);

export const authenticationOptionsBodySchema = z.object({ purpose: assertionPurposeSchema });

export const authenticationBodySchema = z.object({
  purpose: assertionPurposeSchema,
  response: authenticationResponseSchema,
});

export function asRegistrationResponse(
  value: z.infer<typeof registrationResponseSchema>,
): RegistrationResponseJSON {
  return value as RegistrationResponseJSON;
}

export function asAuthenticationResponse(
  value: z.infer<typeof authenticationResponseSchema>,
): AuthenticationResponseJSON {
  return value as AuthenticationResponseJSON;
}
