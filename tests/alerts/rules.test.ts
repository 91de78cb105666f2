// Each alert rule fires at its threshold and not one event below, wherever the refusal happens;
// an active alert folds repeats into itself and logs once per window, not once per event.
import { randomBytes, randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AuditAction } from "@/lib/audit/actions";
import { recordAudit } from "@/lib/audit/record-audit";
import {
  ANONYMOUS,
  systemActor,
  type Actor,
  type ClientActor,
  type StaffActor,
} from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { staffNetworkGate } from "@/lib/identity/staff-network-gate";
import { log } from "@/lib/log";
import { POST as createRelease } from "@/app/api/releases/route";
import { withEnv } from "../identity/env-override";

const uniqueIp = () => {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${Math.max(1, b[2] ?? 1)}`;
};

const agent = (id: string): ClientActor => ({
  type: "AGENT",
  apiClientId: id,
  clientId: `agent-${id}`,
  licenseId: null,
  customerId: null,
  roles: [],
  permissions: new Set(),
});

const activeAlert = (kind: string, subject: string) =>
  db().alert.findFirst({ where: { kind, subject, status: { in: ["OPEN", "ACKNOWLEDGED"] } } });

async function write(
  n: number,
  action: AuditAction,
  opts: {
    ip?: string;
    actor?: Actor;
    reason?: string;
    targetId?: string;
  } = {},
) {
  for (let i = 0; i < n; i++) {
    await recordAudit(db(), {
      action,
      actor: opts.actor ?? ANONYMOUS,
      result: "DENIED",
      reason: opts.reason ?? "test refusal",
      request: { requestId: randomUUID(), ip: opts.ip ?? null, userAgent: "rules-test" },
      target: { type: "route", id: opts.targetId ?? "test.route" },
    });
  }
}

// Small thresholds, so each rule's edge is cheap to reach; the defaults are in lib/env.ts.
const LIMITS = {
  ALERT_API_FAILURES: "4",
  ALERT_BLOCKED_REQUESTS: "5",
  ALERT_MFA_FAILURES: "3",
  ALERT_RATE_LIMIT_STORM: "6",
  ALERT_WINDOW: "300",
};
const limit = (name: keyof typeof LIMITS) => Number(LIMITS[name]);

describe("alert rules", () => {
  const cases: {
    rule: string;
    kind: string;
    threshold: () => number;
    fire: (n: number, subject: string) => Promise<void>;
    subject: () => string;
  }[] = [
    {
      rule: "refused API calls per address (any refusal class)",
      kind: "api.repeated_failures",
      threshold: () => limit("ALERT_API_FAILURES"),
      subject: uniqueIp,
      fire: async (n, ip) => {
        // A mix of classes: bad token, bad request, refused download, refused token.
        const actions: AuditAction[] = [
          "auth.session_rejected",
          "request.rejected",
          "downloads.refused",
          "oauth.token_refused",
        ];
        for (let i = 0; i < n; i++)
          await write(1, actions[i % actions.length] ?? "request.rejected", { ip });
      },
    },
    {
      rule: "refused API calls per client",
      kind: "api.repeated_failures",
      threshold: () => limit("ALERT_API_FAILURES"),
      subject: () => `apc_${randomUUID().replace(/-/g, "")}`,
      // From a fresh address each time: only the client ties them together.
      fire: async (n, client) => {
        for (let i = 0; i < n; i++)
          await write(1, "updates.check_refused", { actor: agent(client), ip: uniqueIp() });
      },
    },
    {
      rule: "requests from outside the staff allowlist",
      kind: "network.outside_allowlist",
      threshold: () => limit("ALERT_BLOCKED_REQUESTS"),
      subject: uniqueIp,
      fire: (n, ip) => write(n, "auth.ip_blocked", { ip }),
    },
    {
      rule: "security-key (MFA and step-up) failures per user",
      kind: "auth.mfa_failures",
      threshold: () => limit("ALERT_MFA_FAILURES"),
      subject: () => `usr_${randomUUID().slice(0, 8)}`,
      fire: async (n, userId) => {
        const user: StaffActor = {
          type: "USER",
          kind: "STAFF",
          userId,
          email: `${userId}@vendor.test`,
          sessionId: "ses_t",
          roles: [],
          permissions: new Set(),
          stepUpAt: null,
        };
        for (let i = 0; i < n; i++)
          await write(1, i % 2 ? "auth.step_up_failed" : "auth.mfa_failed", { actor: user });
      },
    },
    {
      rule: "rate-limit storms per address",
      kind: "ratelimit.storm",
      threshold: () => limit("ALERT_RATE_LIMIT_STORM"),
      subject: uniqueIp,
      fire: (n, ip) => write(n, "ratelimit.exceeded", { ip }),
    },
    {
      rule: "a license checked from more machines than it allows",
      kind: "license.machine_limit",
      threshold: () => 1,
      subject: () => `lic_${randomUUID().replace(/-/g, "")}`,
      fire: (n, licenseId) =>
        write(n, "updates.check_refused", { reason: "machine_limit_reached", targetId: licenseId }),
    },
  ];

  it.each(cases)("$rule: fires at the threshold, not below", async (c) => {
    await withEnv(LIMITS, async () => {
      const subject = c.subject();
      await c.fire(c.threshold() - 1, subject);
      expect(await activeAlert(c.kind, subject)).toBeNull();
      await c.fire(1, subject);
      expect(await activeAlert(c.kind, subject)).toMatchObject({ count: 1, status: "OPEN" });
    });
  });

  it("ignores events of other subjects and successes", async () => {
    await withEnv(LIMITS, async () => {
      const ip = uniqueIp();
      await write(limit("ALERT_BLOCKED_REQUESTS") - 1, "auth.ip_blocked", { ip });
      await write(3, "auth.ip_blocked", { ip: uniqueIp() });
      await recordAudit(db(), {
        action: "auth.ip_blocked",
        actor: systemActor("t"),
        result: "SUCCESS",
        request: { ip },
      });
      expect(await activeAlert("network.outside_allowlist", ip)).toBeNull();
    });
  });
});

describe("folding", () => {
  let errors: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    errors = vi.spyOn(log, "error");
  });
  afterEach(() => errors.mockRestore());
  const alertLines = () =>
    errors.mock.calls.filter((call: unknown[]) => call[1] === "security.alert").length;

  it("folds repeats into one alert and logs it once per window, not once per event", async () => {
    await withEnv({ ...LIMITS, ALERT_LOG_INTERVAL: "3600" }, async () => {
      const ip = uniqueIp();
      await write(40, "auth.ip_blocked", { ip });
      const alert = await activeAlert("network.outside_allowlist", ip);
      expect(alert?.count).toBe(40 - limit("ALERT_BLOCKED_REQUESTS") + 1);
      expect(await db().alert.count({ where: { subject: ip } })).toBe(1);
      expect(alertLines()).toBe(1);
      expect(
        await db().auditEvent.count({ where: { action: "alerts.raised", targetId: alert?.id } }),
      ).toBe(1);
    });
  });

  it("logs a folding alert again once its window has passed", async () => {
    await withEnv({ ...LIMITS, ALERT_LOG_INTERVAL: "60" }, async () => {
      const ip = uniqueIp();
      await write(limit("ALERT_BLOCKED_REQUESTS"), "auth.ip_blocked", { ip });
      const alert = await activeAlert("network.outside_allowlist", ip);
      await write(3, "auth.ip_blocked", { ip });
      expect(alertLines()).toBe(1);
      // The last log line was more than a window ago.
      await db().alert.update({
        where: { id: alert?.id ?? "" },
        data: { lastLoggedAt: new Date(Date.now() - 61_000) },
      });
      await write(3, "auth.ip_blocked", { ip });
      expect(alertLines()).toBe(2);
    });
  });
});

describe("every refusal class feeds the rules", () => {
  it("blocked requests to /admin from an outside address raise an alert", async () => {
    await withEnv(LIMITS, async () => {
      const ip = uniqueIp().replace(/^10\./, "203.");
      for (let i = 0; i < limit("ALERT_BLOCKED_REQUESTS"); i++) {
        const res = await staffNetworkGate(
          new NextRequest("http://localhost:3000/admin", { headers: { "x-tollgate-peer": ip } }),
          randomUUID(),
        );
        expect(res?.status).toBe(403);
      }
      expect(await activeAlert("network.outside_allowlist", ip)).toMatchObject({ status: "OPEN" });
    });
  });

  it("a bad-token flood at /api/releases raises an alert", async () => {
    await withEnv(LIMITS, async () => {
      const ip = uniqueIp();
      for (let i = 0; i < limit("ALERT_API_FAILURES"); i++) {
        const res = await createRelease(
          new Request("http://localhost/api/releases", {
            method: "POST",
            body: "{}",
            headers: {
              authorization: "Bearer x.y.z",
              "content-type": "application/json",
              "x-tollgate-peer": ip,
            },
          }),
          { params: Promise.resolve({}) },
        );
        expect(res.status).toBe(401);
      }
      expect(await activeAlert("api.repeated_failures", ip)).toMatchObject({ status: "OPEN" });
    });
  });
});
