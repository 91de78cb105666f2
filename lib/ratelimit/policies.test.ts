import { describe, expect, it } from "vitest";
import { ANONYMOUS, type ClientActor } from "@/lib/authz/actor";
import { requestContext } from "@/lib/http/request-context";
import { bindingResult, rateLimitHeaders } from "./headers";
import type { LimitResult } from "./limiter";
import { ipCounterKey, windowsFor, type RateLimitConfig } from "./policies";

const config: RateLimitConfig = {
  windowMs: 60_000,
  perWindow: { token: 1, update: 2, ip: 3, client: 4, license: 5 },
};
const ctx = (ip: string) => requestContext(new Headers({ "x-tollgate-peer": ip }));
const agent: ClientActor = {
  type: "AGENT",
  apiClientId: "cli_1",
  clientId: "agent-1",
  customerId: "cus_1",
  licenseId: "lic_1",
  roles: [],
  permissions: new Set(),
};

describe("rate limit policies", () => {
  // Never per client id: anyone could spend an agent's budget (see lib/oauth/token-lockout.ts).
  it("count the token endpoint per address only, whatever client id it claims", () => {
    expect(
      windowsFor(
        ["token"],
        { ctx: ctx("198.51.100.7"), actor: ANONYMOUS, clientId: "agent-1" },
        config,
      ),
    ).toEqual([{ key: "token:ip:198.51.100.7", limit: 1, windowMs: 60_000 }]);
  });

  it("count update and client policies per API client, license per license, and skip a license-less actor", () => {
    const keys = windowsFor(
      ["update", "client", "license", "ip"],
      { ctx: ctx("198.51.100.7"), actor: agent },
      config,
    ).map((w) => [w.key, w.limit]);
    expect(keys).toEqual([
      ["update:client:cli_1", 2],
      ["client:client:cli_1", 4],
      ["license:lic_1", 5],
      ["ip:198.51.100.7", 3],
    ]);
    expect(windowsFor(["license"], { ctx: ctx("198.51.100.7"), actor: ANONYMOUS }, config)).toEqual(
      [],
    );
  });

  it("count IPv6 per /64 and requests without an address together", () => {
    expect(ipCounterKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(ipCounterKey("2001:db8:1:2:bbbb::9")).toBe("2001:db8:1:2::/64");
    expect(ipCounterKey("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(ipCounterKey("::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(ipCounterKey(null)).toBe("unknown");
  });
});

describe("rate limit headers", () => {
  const result = (
    key: string,
    success: boolean,
    remaining: number,
    reset: number,
  ): LimitResult => ({ key, backend: "memory", success, limit: 10, remaining, reset });

  it("report the counter closest to refusing, and Retry-After only on a refusal", () => {
    const now = 1_000_000;
    const ok = [result("a", true, 5, now + 30_000), result("b", true, 2, now + 10_000)];
    expect(rateLimitHeaders(bindingResult(ok), now)).toEqual({
      "ratelimit-limit": "10",
      "ratelimit-remaining": "2",
      "ratelimit-reset": "10",
    });
    const refused = [
      ...ok,
      result("c", false, 0, now + 1_500),
      result("d", false, 0, now + 42_000),
    ];
    expect(rateLimitHeaders(bindingResult(refused), now)).toEqual({
      "ratelimit-limit": "10",
      "ratelimit-remaining": "0",
      "ratelimit-reset": "42",
      "retry-after": "42",
    });
    expect(rateLimitHeaders(bindingResult([]), now)).toEqual({});
  });
});
