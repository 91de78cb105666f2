// Update agents: "this is what happened" — download, verification and install outcomes per
// release, idempotent per (machine, release, event). See docs/update-api.md and docs/rollouts.md.
import { defineRoute, json } from "@/lib/http/route";
import {
  MAX_EVENTS_BODY_BYTES,
  reportInstallEventsSchema,
} from "@/lib/updates/install-events.schema";
import { reportInstallEvents } from "@/lib/updates/report-install-events";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  name: "updates.report_events",
  access: { kind: "client", scope: "update:report" },
  rateLimit: ["ip", "update", "license"],
  body: reportInstallEventsSchema,
  maxBodyBytes: MAX_EVENTS_BODY_BYTES,
  handler: async ({ actor, body, ctx }) =>
    json(await reportInstallEvents({ actor, input: body, request: ctx })),
});
