// The reference agent reports every step of an update to POST /api/update/events: a successful
// install, its own refusal of a tampered download, and the rollback after a failed health check
// (the installation goes back to the version that ran before).
import { readlink } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EXIT } from "@/agent/errors";
import { runUpdate } from "@/agent/run";
import { db } from "@/lib/db/client";
import { makeAgent } from "../updates/factories";
import { failure, world } from "./agent-world";
import { startRouteServer, withBody, type RouteServer } from "./route-server";

let server: RouteServer;
beforeEach(async () => {
  server = await startRouteServer();
});
afterEach(async () => {
  await server.close();
});

async function eventsOf(releaseId: string) {
  const rows = await db().installEvent.findMany({
    where: { releaseId },
    orderBy: { receivedAt: "asc" },
  });
  return rows.map((r) => ({ kind: r.kind, code: r.errorCode, previous: r.previousVersion }));
}

describe("tollgate-agent install reports", () => {
  it("reports downloaded, verified and installed for a successful update", async () => {
    const { config, v2 } = await world(server);
    await runUpdate(config);
    expect(await eventsOf(v2.id)).toEqual([
      { kind: "DOWNLOADED", code: null, previous: "1.0.0" },
      { kind: "VERIFIED", code: null, previous: "1.0.0" },
      { kind: "INSTALLED", code: null, previous: "1.0.0" },
    ]);
    const installed = await db().installEvent.findFirstOrThrow({
      where: { releaseId: v2.id, kind: "INSTALLED" },
    });
    expect(installed.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("reports its refusal of a tampered download as checksum_mismatch", async () => {
    const { config, v2 } = await world(server);
    server.tamper = async (p, response) => {
      if (!p.startsWith("/api/downloads/") || response.status !== 200) return response;
      const bytes = new Uint8Array(await response.arrayBuffer());
      bytes[3] = (bytes[3] ?? 0) ^ 0xff;
      return withBody(response, bytes);
    };
    expect((await failure(runUpdate(config))).exitCode).toBe(EXIT.ARTIFACT_REJECTED);
    expect(await eventsOf(v2.id)).toEqual([
      { kind: "DOWNLOADED", code: null, previous: "1.0.0" },
      { kind: "FAILED", code: "checksum_mismatch", previous: "1.0.0" },
    ]);
  });

  it("rolls back when the health check fails, and reports failed and rolled_back", async () => {
    const { config, dir, v2 } = await world(server);
    const seen: string[] = [];
    const error = await failure(
      runUpdate(config, {
        hooks: {
          afterInstall: async ({ version }) => {
            seen.push(`after ${version}`);
          },
          healthCheck: async ({ version, previousVersion }) => {
            seen.push(`check ${version} (was ${previousVersion})`);
            return false;
          },
        },
      }),
    );
    expect(error.exitCode).toBe(EXIT.INSTALL);
    expect(error.code).toBe("health_check_failed");
    expect(seen).toEqual(["after 2.0.0", "check 2.0.0 (was 1.0.0)"]);
    expect(await readlink(path.join(dir, "current"))).toBe(path.join("releases", "1.0.0"));
    const events = await eventsOf(v2.id);
    expect(events).toContainEqual({
      kind: "FAILED",
      code: "health_check_failed",
      previous: "1.0.0",
    });
    expect(events).toContainEqual({ kind: "ROLLED_BACK", code: null, previous: "1.0.0" });
    expect(events.map((e) => e.kind)).not.toContain("INSTALLED");
  });

  it("still updates when the client may not report (no update:report scope)", async () => {
    const { config, license, dir, v2 } = await world(server);
    const quiet = await makeAgent(license.id, ["update:check", "update:download"]);
    await runUpdate({ ...config, clientId: quiet.client.clientId, clientSecret: quiet.secret });
    expect(await readlink(path.join(dir, "current"))).toBe(path.join("releases", "2.0.0"));
    expect(await eventsOf(v2.id)).toEqual([]);
  });
});
