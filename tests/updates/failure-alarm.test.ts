// Repeated failures from one client or one address raise an api.repeated_failures alert, which
// further failures fold into.
import { describe, expect, it } from "vitest";
import { DEFAULT_FAILURE_ALARM, REPEATED_FAILURES_ALERT } from "@/lib/alerts/repeated-failures";
import { db } from "@/lib/db/client";
import { callUpdate, checkBody, download, makeWorld, release, uniqueIp } from "./factories";

const openAlert = (subject: string) =>
  db().alert.findFirst({ where: { kind: REPEATED_FAILURES_ALERT, subject, status: "OPEN" } });

describe("repeated-failure alarm", () => {
  it("raises one alert for a client that keeps sending bad requests, and folds later failures into it", async () => {
    const { product, agent } = await makeWorld();
    await release(product.slug, "1.0.0");
    const bad = checkBody(product.slug, "1.0.0;DROP");
    for (let i = 0; i < DEFAULT_FAILURE_ALARM.threshold - 1; i++) {
      expect((await callUpdate(bad, { token: agent.token })).res.status).toBe(400);
    }
    expect(await openAlert(agent.client.id)).toBeNull();
    await callUpdate(bad, { token: agent.token });
    const raised = await openAlert(agent.client.id);
    expect(raised).toMatchObject({ severity: "HIGH", count: 1 });
    expect(raised?.details).toMatchObject({
      subjectType: "client",
      failures: DEFAULT_FAILURE_ALARM.threshold,
      lastRoute: "updates.check",
    });
    await callUpdate(bad, { token: agent.token });
    expect(
      await db().alert.count({
        where: { kind: REPEATED_FAILURES_ALERT, subject: agent.client.id },
      }),
    ).toBe(1);
    expect((await openAlert(agent.client.id))?.count).toBe(2);
    expect(
      await db().auditEvent.count({ where: { action: "alerts.raised", targetId: raised?.id } }),
    ).toBe(1);
    // A successful check is not a failure and raises nothing more.
    expect(
      (await callUpdate(checkBody(product.slug, "1.0.0"), { token: agent.token })).res.status,
    ).toBe(200);
    expect((await openAlert(agent.client.id))?.count).toBe(2);
  });

  it("raises an alert for an address that keeps failing without credentials, on any of the update routes", async () => {
    const { product, agent } = await makeWorld();
    await release(product.slug, "1.0.0");
    const ip = uniqueIp();
    const half = Math.ceil(DEFAULT_FAILURE_ALARM.threshold / 2);
    for (let i = 0; i < half; i++)
      await callUpdate(checkBody(product.slug, "1.0.0"), { token: null, ip });
    for (let i = 0; i < DEFAULT_FAILURE_ALARM.threshold - half - 1; i++) {
      await download(
        `http://localhost/api/downloads/art_${"0".repeat(32)}?client=${agent.client.id}&exp=1&sig=${"A".repeat(43)}`,
        { ip },
      );
    }
    expect(await openAlert(ip)).toBeNull();
    await callUpdate(checkBody(product.slug, "1.0.0"), { token: "not-a-token", ip });
    expect(await openAlert(ip)).toMatchObject({
      count: 1,
      details: expect.objectContaining({ subjectType: "ip" }),
    });
  });
});
