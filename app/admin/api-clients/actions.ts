"use server";

import { z } from "zod";
import { defineAction } from "@/lib/http/action";
import { listLicenses } from "@/lib/licensing/list-licenses";
import { createApiClient } from "@/lib/oauth/create-api-client";
import { createApiClientSchema } from "@/lib/oauth/create-api-client.schema";
import { revokeApiClient } from "@/lib/oauth/revoke-api-client";
import { revokeApiClientSchema } from "@/lib/oauth/revoke-api-client.schema";
import { rotateApiClientSecret } from "@/lib/oauth/rotate-api-client-secret";
import { rotateApiClientSecretSchema } from "@/lib/oauth/rotate-api-client-secret.schema";

// Creating a client or a new secret puts a working credential on someone's screen: a fresh
// security key check first. The secret is in this result only.
export const createApiClientAction = defineAction({
  name: "api_clients.create",
  access: { kind: "staff", permission: "api_clients:write", stepUp: true },
  input: createApiClientSchema,
  handler: ({ actor, input, ctx }) => createApiClient({ actor, input, request: ctx }),
});

export const rotateApiClientSecretAction = defineAction({
  name: "api_clients.rotate_secret",
  access: { kind: "staff", permission: "api_clients:write", stepUp: true },
  input: rotateApiClientSecretSchema,
  handler: ({ actor, input, ctx }) => rotateApiClientSecret({ actor, input, request: ctx }),
});

export const revokeApiClientAction = defineAction({
  name: "api_clients.revoke",
  access: { kind: "staff", permission: "api_clients:write" },
  input: revokeApiClientSchema,
  handler: ({ actor, input, ctx }) => revokeApiClient({ actor, input, request: ctx }),
});

// The license picker's search (a TanStack query in the new-client form): licenses not suspended
// or revoked, since an agent for those could not fetch anything. An expired one is listed (a
// maintenance license still serves the releases from before its expiry) but says so.
export const searchLicensesAction = defineAction({
  name: "licenses.search",
  access: { kind: "staff", permission: "licenses:read" },
  input: z.object({ search: z.string().trim().max(200).default("") }),
  handler: async ({ actor, input }) => {
    const page = await listLicenses({
      actor,
      input: { search: input.search || undefined, status: "ACTIVE", limit: 20 },
    });
    return page.items.map((l) => ({
      id: l.id,
      keyHint: l.keyHint,
      customerName: l.customer.name,
      products: l.entitlements.map((e) => e.productName),
      effectiveStatus: l.effectiveStatus,
    }));
  },
});
