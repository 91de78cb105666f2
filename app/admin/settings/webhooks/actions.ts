"use server";

import { defineAction } from "@/lib/http/action";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { setWebhookEndpointStatus } from "@/lib/webhooks/set-webhook-endpoint-status";
import {
  createWebhookEndpointSchema,
  setWebhookEndpointStatusSchema,
  webhookEndpointIdSchema,
} from "@/lib/webhooks/webhook-endpoint.schema";

// An endpoint sends events out of the deployment and its secret is shown on screen: adding one
// and rotating its secret ask for a fresh security-key check.
export const createWebhookEndpointAction = defineAction({
  name: "webhooks.create",
  access: { kind: "staff", permission: "settings:write", stepUp: true },
  input: createWebhookEndpointSchema,
  handler: ({ actor, input, ctx }) => createWebhookEndpoint({ actor, input, request: ctx }),
});

export const rotateWebhookSecretAction = defineAction({
  name: "webhooks.rotate_secret",
  access: { kind: "staff", permission: "settings:write", stepUp: true },
  input: webhookEndpointIdSchema,
  handler: ({ actor, input, ctx }) => rotateWebhookSecret({ actor, input, request: ctx }),
});

export const setWebhookEndpointStatusAction = defineAction({
  name: "webhooks.set_status",
  access: { kind: "staff", permission: "settings:write" },
  input: setWebhookEndpointStatusSchema,
  handler: ({ actor, input, ctx }) => setWebhookEndpointStatus({ actor, input, request: ctx }),
});
