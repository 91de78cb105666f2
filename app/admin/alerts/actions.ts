"use server";

import { changeAlertStatus } from "@/lib/alerts/change-alert-status";
import { changeAlertStatusSchema } from "@/lib/alerts/change-alert-status.schema";
import { defineAction } from "@/lib/http/action";

export const acknowledgeAlertAction = defineAction({
  name: "alerts.acknowledge",
  access: { kind: "staff", permission: "alerts:manage" },
  input: changeAlertStatusSchema,
  handler: async ({ actor, input, ctx }) => {
    await changeAlertStatus({ actor: actor, input, request: ctx, step: "acknowledge" });
    return { alertId: input.alertId };
  },
});

export const resolveAlertAction = defineAction({
  name: "alerts.resolve",
  access: { kind: "staff", permission: "alerts:manage" },
  input: changeAlertStatusSchema,
  handler: async ({ actor, input, ctx }) => {
    await changeAlertStatus({ actor: actor, input, request: ctx, step: "resolve" });
    return { alertId: input.alertId };
  },
});
