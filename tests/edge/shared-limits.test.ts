// Two instances behind the edge count rate limits in the same Redis: consecutive token requests
// from one client address land on both instances (round robin), and the remaining budget each
// answer reports goes down by one every time, whichever instance answered. With a counter per
// instance, the two interleaved sequences would each step down only every other request.
import { describe, expect, it } from "vitest";
import { request, uniqueId } from "./edge-client";
import { accessLines, eventually } from "./edge-logs";

describe("rate limits across instances", () => {
  it("one budget per client address, whichever instance answers", async () => {
    const address = `198.51.100.${10 + Math.floor(Math.random() * 200)}`;
    const remaining: number[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const id = uniqueId("limit");
      ids.push(id);
      const response = await request("POST", "/api/oauth/token", {
        headers: [
          "Content-Type: application/x-www-form-urlencoded",
          `X-Forwarded-For: ${address}`,
          `X-Request-Id: ${id}`,
        ],
        body: `grant_type=client_credentials&client_id=${uniqueId("nobody")}&client_secret=wrong`,
      });
      expect(response.status).toBe(401);
      remaining.push(Number(response.headers["ratelimit-remaining"]));
    }
    const steps = remaining.slice(1).map((r, i) => (remaining[i] ?? 0) - r);
    expect(steps).toEqual([1, 1, 1, 1, 1]);
    const upstreams = await eventually(() => {
      const lines = accessLines().filter((l) => ids.some((id) => l.includes(`rid=${id}`)));
      if (lines.length < ids.length) return undefined;
      return new Set(lines.map((l) => /upstream="([^"]*)"/.exec(l)?.[1]));
    }, "access log lines of the token requests");
    expect(upstreams.size).toBe(2);
  });
});
