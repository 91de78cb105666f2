// The alert workflow (open → acknowledged with a note → resolved, who and when, audited), and
// the alerts raised outside the audit-event rules: the Redis fallback.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { changeAlertStatus } from "@/lib/alerts/change-alert-status";
import { raiseAlert } from "@/lib/alerts/raise-alert";
import { db } from "@/lib/db/client";
import { RateLimiter } from "@/lib/ratelimit/limiter";
import { createRedisConnection } from "@/lib/ratelimit/redis-connection";
import { staff } from "../licensing/factories";
import { capturingLogger, closedPort, uniquePrefix } from "../ratelimit/helpers";

const newAlert = () =>
  raiseAlert(db(), {
    kind: "test.workflow",
    severity: "MEDIUM",
    title: "A test alert",
    subject: randomUUID(),
  });

describe("alert workflow", () => {
  it("is acknowledged with a note, then resolved, each step recorded and audited", async () => {
    const { id } = await newAlert();
    const manager = staff(["alerts:read", "alerts:manage"]);
    const requestId = randomUUID();
    await changeAlertStatus({
      actor: manager,
      step: "acknowledge",
      input: { alertId: id, note: "Looking into it" },
      request: { requestId },
    });
    expect(await db().alert.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "ACKNOWLEDGED",
      acknowledgedById: manager.userId,
      acknowledgedNote: "Looking into it",
      acknowledgedAt: expect.any(Date),
    });
    await changeAlertStatus({
      actor: manager,
      step: "resolve",
      input: { alertId: id, note: "A misconfigured agent; fixed" },
    });
    expect(await db().alert.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "RESOLVED",
      resolvedById: manager.userId,
      resolvedNote: "A misconfigured agent; fixed",
    });
    const events = await db().auditEvent.findMany({
      where: { targetId: id, action: { in: ["alerts.acknowledged", "alerts.resolved"] } },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ["alerts.acknowledged", manager.userId],
      ["alerts.resolved", manager.userId],
    ]);
    expect(events[0]?.requestId).toBe(requestId);
  });

  it("refuses a step out of order, a missing note, and an actor without alerts:manage", async () => {
    const { id } = await newAlert();
    const manager = staff(["alerts:read", "alerts:manage"]);
    await expect(
      changeAlertStatus({ actor: manager, step: "acknowledge", input: { alertId: id, note: " " } }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    await expect(
      changeAlertStatus({
        actor: staff(["alerts:read"]),
        step: "acknowledge",
        input: { alertId: id, note: "x" },
      }),
    ).rejects.toMatchObject({ status: 403 });
    await changeAlertStatus({
      actor: manager,
      step: "resolve",
      input: { alertId: id, note: "ok" },
    });
    await expect(
      changeAlertStatus({ actor: manager, step: "acknowledge", input: { alertId: id, note: "x" } }),
    ).rejects.toMatchObject({ code: "conflict" });
  });

  it("a repeat after resolution raises a new alert instead of reopening the old one", async () => {
    const subject = randomUUID();
    const input = { kind: "test.workflow", severity: "LOW" as const, title: "t", subject };
    const first = await raiseAlert(db(), input);
    await changeAlertStatus({
      actor: staff(["alerts:manage"]),
      step: "resolve",
      input: { alertId: first.id, note: "done" },
    });
    const second = await raiseAlert(db(), input);
    expect(second).toMatchObject({ created: true });
    expect(second.id).not.toBe(first.id);
  });
});

describe("Redis fallback", () => {
  it("raises a ratelimit.redis_unavailable alert when the limiter falls back", async () => {
    const prefix = uniquePrefix();
    const redis = createRedisConnection(`redis://127.0.0.1:${await closedPort()}`);
    const limiter = new RateLimiter({ redis, prefix, log: capturingLogger().log });
    const result = await limiter.limit({ key: "k", limit: 5, windowMs: 60_000 });
    expect(result.backend).toBe("memory");
    await limiter.alertWritten;
    redis.disconnect();
    expect(
      await db().alert.findFirst({
        where: { kind: "ratelimit.redis_unavailable", subject: prefix },
      }),
    ).toMatchObject({ status: "OPEN", severity: "HIGH" });
  });
});
