import { z } from "zod";
import { AGENT_CLIENT_SCOPES, PIPELINE_CLIENT_SCOPES } from "./client-scopes";

const idSchema = z.string().trim().min(1, "is required").max(100);

const uniqueScopes = <T extends string>(scopes: readonly T[], ctx: z.RefinementCtx) => {
  scopes.forEach((s, i) => {
    if (scopes.indexOf(s) !== i)
      ctx.addIssue({ code: "custom", path: [i], message: "duplicate scope" });
  });
};

// Chosen by the dev seed only (fixed demo credentials); everyone else gets generated ones.
const seedOnly = {
  clientId: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/,
      "use 3-64 letters, digits, dots, dashes or underscores",
    )
    .optional(),
  secret: z
    .string()
    .regex(/^[\x21-\x7e]{12,256}$/, "use 12-256 printable ASCII characters without spaces")
    .optional(),
};

const common = {
  name: z.string().trim().min(1, "is required").max(200),
  boundaryId: idSchema.optional(),
  ...seedOnly,
};

// An update agent belongs to one license (and so to that license's customer).
const agentSchema = z.strictObject({
  kind: z.literal("AGENT"),
  licenseId: idSchema,
  // Optional, and then it must be the license's customer: a guard against a mix-up in the form.
  customerId: idSchema.optional(),
  scopes: z
    .array(z.enum(AGENT_CLIENT_SCOPES))
    .min(1, "at least one scope is required")
    .superRefine(uniqueScopes),
  ...common,
});

const pipelineSchema = z.strictObject({
  kind: z.literal("PIPELINE"),
  scopes: z
    .array(z.enum(PIPELINE_CLIENT_SCOPES))
    .min(1, "at least one scope is required")
    .superRefine(uniqueScopes),
  ...common,
});

export const createApiClientSchema = z.discriminatedUnion("kind", [agentSchema, pipelineSchema]);

export type CreateApiClientInput = z.input<typeof createApiClientSchema>;
