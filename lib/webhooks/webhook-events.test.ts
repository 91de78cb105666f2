// Event selection by name: a family wildcard picks its present (and future) actions, a name picks
// itself, and nothing outside the deliverable families can be selected or queued.
import { describe, expect, it } from "vitest";
import { createWebhookEndpointSchema } from "./webhook-endpoint.schema";
import { deliverableEvents, isDeliverable, isSelectable, selectorsFor } from "./webhook-events";

describe("webhook event selection", () => {
  it("delivers the license and release lifecycle and alerts, not the update-API flood", () => {
    for (const a of [
      "licenses.created",
      "licenses.suspended",
      "licenses.revoked",
      "releases.published",
      "releases.yanked",
      "alerts.raised",
    ]) {
      expect(isDeliverable(a)).toBe(true);
    }
    for (const a of [
      "updates.checked",
      "downloads.served",
      "licenses.key_revealed",
      "auth.signed_in",
    ]) {
      expect(isDeliverable(a)).toBe(false);
    }
  });

  it("selects by name or by family wildcard, and matches an action through either", () => {
    expect(isSelectable("licenses.*")).toBe(true);
    expect(isSelectable("licenses.revoked")).toBe(true);
    expect(isSelectable("updates.*")).toBe(false);
    expect(isSelectable("licenses.key_revealed")).toBe(false);
    expect(selectorsFor("releases.yanked")).toEqual(["releases.yanked", "releases.*"]);
    const licenses = deliverableEvents().find((g) => g.family === "licenses");
    expect(licenses?.actions).toContain("licenses.revoked");
  });

  it("refuses unknown event names and private URLs in production in the form's schema", () => {
    const result = createWebhookEndpointSchema.safeParse({
      name: "SIEM",
      url: "https://siem.example.com/hook",
      events: ["licenses.revoked", "users.invited"],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["events.1"]);
    const one = createWebhookEndpointSchema.parse({
      name: "SIEM",
      url: "https://siem.example.com/hook",
      events: "alerts.*",
    });
    expect(one.events).toEqual(["alerts.*"]);
  });
});
