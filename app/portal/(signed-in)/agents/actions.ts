"use server";

import { defineAction } from "@/lib/http/action";
import { AGENT_CLIENT_SCOPES } from "@/lib/oauth/client-scopes";
import { createApiClient } from "@/lib/oauth/create-api-client";
import { revokeApiClient } from "@/lib/oauth/revoke-api-client";
import { revokeApiClientSchema } from "@/lib/oauth/revoke-api-client.schema";
import { rotateApiClientSecret } from "@/lib/oauth/rotate-api-client-secret";
import { rotateApiClientSecretSchema } from "@/lib/oauth/rotate-api-client-secret.schema";
import { createAgentSchema } from "@/lib/portal/colleague.schema";

// The same lib/oauth operations vendor staff use, with the customer administrator as the actor:
// they put the customer into their where clauses, so another customer's license or client is a
// 404. The new secret is in the result only (shown once).
const ADMIN = { kind: "customer", membership: "ADMIN" } as const;

export const createAgentAction = defineAction({
  name: "portal.agents.create",
  access: ADMIN,
  input: createAgentSchema,
  handler: ({ actor, input, ctx }) =>
    createApiClient({
      actor,
      input: { kind: "AGENT", ...input, scopes: [...AGENT_CLIENT_SCOPES] },
      request: ctx,
    }),
});

export const rotateAgentSecretAction = defineAction({
  name: "portal.agents.rotate_secret",
  access: ADMIN,
  input: rotateApiClientSecretSchema,
  handler: ({ actor, input, ctx }) => rotateApiClientSecret({ actor, input, request: ctx }),
});

export const revokeAgentAction = defineAction({
  name: "portal.agents.revoke",
  access: ADMIN,
  input: revokeApiClientSchema,
  handler: ({ actor, input, ctx }) => revokeApiClient({ actor, input, request: ctx }),
});
