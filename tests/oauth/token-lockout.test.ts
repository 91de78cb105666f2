// The token endpoint's lockout, against the real route, PostgreSQL and Redis: failures count per
// (client id, address) and per address, never per client alone, so nobody can lock an agent out
// of its tokens; a client guessed at from many addresses raises an alert instead.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { CLIENT_GUESSING_ALERT } from "@/lib/oauth/client-guessing-alarm";
import { withEnv } from "../identity/env-override";
import { basic, callToken, hex, makeAgent, startOfFreshWindow, uniqueIp } from "./factories";

const grant = { grant_type: "client_credentials" };

// The agent itself, asking from an address that has not failed.
async function statusFromFreshAddress(clientId: string, secret: string): Promise<number> {
  const { res } = await callToken({
    ip: uniqueIp(),
    authorization: basic(clientId, secret),
    form: grant,
  });
  return res.status;
}

describe("token endpoint lockout", () => {
  it("locks one address out of one client after its failures, but not the client's own agent elsewhere", async () => {
    const { client, secret } = await makeAgent();
    const attacker = uniqueIp();
    const max = env().TOKEN_MAX_FAILURES;
    // More wrong secrets than the per-address rate limit: the old per-client budget ran out here.
    const attempts = env().RATE_LIMIT_TOKEN_PER_MINUTE;
    await startOfFreshWindow(40);
    const statuses: number[] = [];
    for (let i = 0; i < attempts; i++) {
      const { res } = await callToken({
        ip: attacker,
        authorization: basic(client.clientId, `wrong-${hex()}`),
        form: grant,
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, max)).toEqual(Array(max).fill(401));
    expect(new Set(statuses.slice(max))).toEqual(new Set([429]));

    // The attacker's address stays locked for this client, even with the right secret…
    const locked = await callToken({
      ip: attacker,
      authorization: basic(client.clientId, secret),
      form: grant,
    });
    expect(locked.res.status).toBe(429);
    expect(locked.res.headers.get("content-type")).toBe("application/problem+json");
    const retryAfter = Number(locked.res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(env().TOKEN_FAILURE_WINDOW);
    expect(await db().auditEvent.findMany({ where: { requestId: locked.requestId } })).toEqual([
      expect.objectContaining({ action: "ratelimit.exceeded", ip: attacker }),
    ]);

    // …while the agent, from an address that has not failed, gets its token.
    expect(await statusFromFreshAddress(client.clientId, secret)).toBe(200);
  }, 90_000);

  it("locks an address out of every client after its failures across client ids", async () => {
    await withEnv({ TOKEN_MAX_FAILURES_PER_IP: "5" }, async () => {
      const { client, secret } = await makeAgent();
      const ip = uniqueIp();
      for (let i = 0; i < 5; i++) {
        const { res } = await callToken({
          ip,
          form: { ...grant, client_id: `spray-${hex()}`, client_secret: "nope-nope-nope" },
        });
        expect(res.status).toBe(401);
      }
      const refused = await callToken({
        ip,
        authorization: basic(client.clientId, secret),
        form: grant,
      });
      expect(refused.res.status).toBe(429);
      expect(await statusFromFreshAddress(client.clientId, secret)).toBe(200);
    });
  });

  it("raises an alert on a client guessed at from many addresses, and still serves its agent", async () => {
    const { client, secret } = await makeAgent();
    const threshold = env().TOKEN_GUESSING_ALERT_FAILURES;
    for (let i = 0; i < 18; i++) {
      const { res, requestId } = await callToken({
        ip: uniqueIp(),
        authorization: basic(client.clientId, `wrong-${hex()}`),
        form: grant,
      });
      expect(res.status).toBe(401);
      // Each refusal names the client it tried.
      const [event] = await db().auditEvent.findMany({ where: { requestId } });
      expect(event).toMatchObject({ targetType: "api_client", targetId: client.id });
      if (i === threshold - 2) {
        expect(await db().alert.count({ where: { subject: client.id } })).toBe(0);
      }
    }
    const alert = await db().alert.findFirstOrThrow({
      where: { kind: CLIENT_GUESSING_ALERT, subject: client.id },
    });
    expect(alert).toMatchObject({ status: "OPEN", severity: "HIGH", count: 18 - threshold + 1 });
    expect(alert.details).toMatchObject({ clientId: client.clientId, addresses: 18 });

    expect(await statusFromFreshAddress(client.clientId, secret)).toBe(200);
  }, 90_000);
});
