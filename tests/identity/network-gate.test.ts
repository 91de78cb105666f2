// The proxy's staff network gate: what it blocks, how it answers, and what it audits.
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { staffNetworkGate } from "@/lib/identity/staff-network-gate";
import { withEnv } from "./env-override";

function request(path: string, peer: string, extra: Record<string, string> = {}) {
  return new NextRequest(`http://localhost:3000${path}`, {
    headers: { "x-tollgate-peer": peer, "user-agent": "vitest-gate", ...extra },
  });
}

describe("staffNetworkGate", () => {
  it("answers a staff page from outside the allowlist with a 403 page and audits auth.ip_blocked", async () => {
    const requestId = randomUUID();
    const res = await staffNetworkGate(request("/admin/customers", "203.0.113.9"), requestId);
    expect(res?.status).toBe(403);
    expect(res?.headers.get("content-type")).toMatch(/text\/html/);
    expect(await res?.text()).toContain("Access from your network is not allowed");
    const event = await db().auditEvent.findFirstOrThrow({ where: { requestId } });
    expect(event).toMatchObject({
      action: "auth.ip_blocked",
      result: "DENIED",
      ip: "203.0.113.9",
      userAgent: "vitest-gate",
      targetId: "/admin/customers",
    });
  });

  it("answers a staff API with problem+json", async () => {
    const res = await staffNetworkGate(
      request("/api/webauthn/authentication", "2001:db8::9"),
      randomUUID(),
    );
    expect(res?.status).toBe(403);
    expect(res?.headers.get("content-type")).toBe("application/problem+json");
    expect(await res?.json()).toMatchObject({
      status: 403,
      detail: "Access from your network is not allowed.",
    });
  });

  it("lets allowlisted addresses (IPv4 and IPv6) through", async () => {
    expect(await staffNetworkGate(request("/admin", "127.0.0.1"), randomUUID())).toBeNull();
    expect(await staffNetworkGate(request("/admin", "::1"), randomUUID())).toBeNull();
  });

  it("leaves customer routes, the agent API and public endpoints alone", async () => {
    for (const path of [
      "/portal",
      "/portal/signin",
      "/api/update",
      "/api/oauth/token",
      "/api/downloads/abc",
      "/api/health",
      "/api/auth/callback/customer-oidc",
    ]) {
      expect(await staffNetworkGate(request(path, "203.0.113.9"), randomUUID()), path).toBeNull();
    }
  });

  it("reads X-Forwarded-For only from a trusted proxy", async () => {
    await withEnv({ TRUSTED_PROXIES: "127.0.0.1/32" }, async () => {
      // Through the trusted proxy: the forwarded client address decides.
      expect(
        (
          await staffNetworkGate(
            request("/admin", "127.0.0.1", { "x-forwarded-for": "203.0.113.9" }),
            randomUUID(),
          )
        )?.status,
      ).toBe(403);
      expect(
        await staffNetworkGate(
          request("/admin", "127.0.0.1", { "x-forwarded-for": "127.0.0.5" }),
          randomUUID(),
        ),
      ).toBeNull();
      // From anywhere else the header is ignored: an outsider cannot claim an inside address.
      expect(
        (
          await staffNetworkGate(
            request("/admin", "203.0.113.9", { "x-forwarded-for": "127.0.0.1" }),
            randomUUID(),
          )
        )?.status,
      ).toBe(403);
    });
  });
});
