// One app instance dies mid-run (SIGKILL, no graceful shutdown): every idempotent request still
// succeeds, because nginx retries a failed connection on the other instance
// (proxy_next_upstream in deploy/nginx/snippets/proxy.conf). Runs last in the edge stage, with
// EDGE_VICTIM_PGID naming the second instance's process group.
import { describe, expect, it } from "vitest";
import { request } from "./edge-client";
import { accessLines } from "./edge-logs";

describe("failover", () => {
  it("loses no GET when an instance is killed mid-run", async () => {
    const victim = Number(process.env.EDGE_VICTIM_PGID);
    expect(victim).toBeGreaterThan(0);
    const before = accessLines().length;
    const statuses: number[] = [];
    let killed = false;
    const paths = [
      "/api/health",
      "/portal/signin",
      "/api/openapi.json",
      "/.well-known/tollgate-signing-keys.json",
    ];
    // Four clients in parallel, so requests are in flight on both instances when one dies.
    await Promise.all(
      [0, 1, 2, 3].map(async (worker) => {
        for (let i = 0; i < 40; i++) {
          if (!killed && worker === 0 && i === 10) {
            killed = true;
            process.kill(-victim, "SIGKILL");
          }
          const response = await request(
            "GET",
            paths[(i + worker) % paths.length] ?? "/api/health",
          );
          statuses.push(response.status);
        }
      }),
    );
    expect(killed).toBe(true);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // Both instances served before the kill, and nginx had to step over the dead one.
    const lines = accessLines().slice(before);
    const upstreams = new Set(
      lines.flatMap((l) => /upstream="([^"]*)"/.exec(l)?.[1]?.split(", ") ?? []),
    );
    expect(upstreams.size).toBeGreaterThanOrEqual(2);
    expect(lines.some((l) => /upstream="[^"]*, [^"]*"/.test(l))).toBe(true);
  });
});
