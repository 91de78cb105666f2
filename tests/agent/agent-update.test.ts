// The reference agent against the real route handlers over real HTTP (tests/agent/route-server):
// it updates an installation from 1.0.0 to 2.0.0, resumes an interrupted download, follows
// stepping stones, and refuses tampered artifacts and tampered, replayed or unsigned answers,
// leaving the installation exactly as it was.
import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, readlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { publicKeys } from "@/lib/signing/public-keys";
import { partPath } from "@/agent/download";
import { EXIT } from "@/agent/errors";
import { runCheck, runUpdate } from "@/agent/run";
import { db } from "@/lib/db/client";
import { sha256 } from "../updates/factories";
import { failure, world } from "./agent-world";
import { startRouteServer, withBody, type RouteServer } from "./route-server";

let server: RouteServer;
beforeEach(async () => {
  server = await startRouteServer();
});
afterEach(async () => {
  await server.close();
});

async function unchanged(dir: string) {
  expect(await readlink(path.join(dir, "current"))).toBe(path.join("releases", "1.0.0"));
  expect((await readdir(path.join(dir, "releases"))).sort()).toEqual(["1.0.0"]);
}

describe("tollgate-agent update", () => {
  it("updates 1.0.0 to 2.0.0: downloads, verifies, installs atomically and records the machine", async () => {
    const { config, dir, content, license, product } = await world(server);
    expect(await runCheck(config)).toMatchObject({
      status: "update_available",
      installed: "1.0.0",
      latest: "2.0.0",
    });
    const outcome = await runUpdate(config);
    expect(outcome).toMatchObject({ status: "updated", from: "1.0.0", to: "2.0.0" });
    expect(await readlink(path.join(dir, "current"))).toBe(path.join("releases", "2.0.0"));
    expect(await readFile(path.join(dir, "current", "VERSION"), "utf8")).toBe("2.0.0\n");
    const installed = await readFile(
      path.join(dir, "current", `${product.slug}-2.0.0-linux-x64.tar.gz`),
    );
    expect(installed.equals(content)).toBe(true);
    expect(await readdir(path.join(dir, ".tollgate", "downloads"))).toEqual([]);
    // The next run finds nothing to do.
    expect(await runUpdate(config)).toMatchObject({ status: "up_to_date", from: "2.0.0" });
    const machine = await db().machine.findUniqueOrThrow({
      where: { licenseId_machineId: { licenseId: license.id, machineId: config.machineId } },
    });
    expect(machine.versions).toEqual([
      expect.objectContaining({ product: product.slug, version: "2.0.0" }),
    ]);
  });

  it("resumes a partial download with Range", async () => {
    const { config, dir, content } = await world(server);
    const part = partPath(dir, sha256(content));
    await mkdir(path.dirname(part), { recursive: true });
    await writeFile(part, content.subarray(0, 1000));
    await runUpdate(config);
    const download = server.seen.find((r) => r.path.startsWith("/api/downloads/"));
    expect(download?.headers.range).toBe("bytes=1000-");
    expect(download?.headers["if-range"]).toMatch(/^"[0-9a-f]{64}"$/);
    expect(await readlink(path.join(dir, "current"))).toBe(path.join("releases", "2.0.0"));
  });

  it("steps through a required intermediate release in one run", async () => {
    const { config } = await world(server, { withMinimum: true });
    const outcome = await runUpdate(config);
    expect(outcome.steps.map((s) => s.version)).toEqual(["1.1.0", "2.0.0"]);
    expect(outcome.to).toBe("2.0.0");
  });

  it("refuses a tampered artifact and changes nothing", async () => {
    const { config, dir } = await world(server);
    server.tamper = async (p, response) => {
      if (!p.startsWith("/api/downloads/") || response.status !== 200) return response;
      const bytes = new Uint8Array(await response.arrayBuffer());
      bytes[10] = (bytes[10] ?? 0) ^ 0xff;
      return withBody(response, bytes);
    };
    const error = await failure(runUpdate(config));
    expect(error.exitCode).toBe(EXIT.ARTIFACT_REJECTED);
    expect(error.message).toMatch(/SHA-256/);
    await unchanged(dir);
    // The bad file is gone, so the next (untampered) run downloads afresh and succeeds.
    expect(await readdir(path.join(dir, ".tollgate", "downloads"))).toEqual([]);
    server.tamper = null;
    expect(await runUpdate(config)).toMatchObject({ to: "2.0.0" });
  });

  it("refuses a tampered update answer", async () => {
    const { config, dir } = await world(server);
    server.tamper = async (p, response) => {
      if (p !== "/api/update") return response;
      const text = (await response.text()).replace('"critical":false', '"critical":true ');
      return withBody(response, Buffer.from(text));
    };
    const error = await failure(runUpdate(config));
    expect(error.exitCode).toBe(EXIT.ANSWER_REJECTED);
    expect(error.message).toMatch(/signature/);
    await unchanged(dir);
  });

  it("refuses a replayed answer and an unsigned one", async () => {
    const { config, dir } = await world(server);
    let captured: { body: ArrayBuffer; headers: Headers } | null = null;
    server.tamper = async (p, response) => {
      if (p !== "/api/update") return response;
      const body = await response.arrayBuffer();
      captured ??= { body, headers: new Headers(response.headers) };
      return new Response(captured.body, { status: 200, headers: captured.headers });
    };
    await runCheck(config);
    const replayed = await failure(runUpdate(config));
    expect(replayed.exitCode).toBe(EXIT.ANSWER_REJECTED);
    expect(replayed.message).toMatch(/nonce/);
    server.tamper = async (p, response) => {
      if (p !== "/api/update") return response;
      const headers = new Headers(response.headers);
      headers.delete("x-tollgate-signature");
      return new Response(await response.arrayBuffer(), { status: 200, headers });
    };
    expect((await failure(runUpdate(config))).exitCode).toBe(EXIT.ANSWER_REJECTED);
    await unchanged(dir);
  });

  it("trusts only the pinned key", async () => {
    const { config, dir } = await world(server);
    const stranger = generateKeyPairSync("ed25519").publicKey;
    const error = await failure(runUpdate({ ...config, publicKeys: [stranger] }));
    expect(error.exitCode).toBe(EXIT.ANSWER_REJECTED);
    await unchanged(dir);
  });

  it("reports a refused license with its own exit code", async () => {
    const { config, license } = await world(server);
    await db().license.update({ where: { id: license.id }, data: { status: "REVOKED" } });
    const error = await failure(runUpdate(config));
    expect(error.exitCode).toBe(EXIT.REFUSED);
    expect(error.message).toMatch(/license_revoked/);
  });
});

describe("tollgate-agent CLI", () => {
  function cli(
    args: string[],
    env: Record<string, string> = {},
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        path.resolve("node_modules/.bin/tsx"),
        [path.resolve("agent/cli.ts"), ...args],
        {
          env: {
            NODE_ENV: "test",
            PATH: process.env.PATH ?? "",
            HOME: process.env.HOME ?? "/tmp",
            ...env,
          },
        },
      );
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
  }

  it("updates a directory and exits 0; exits 4 on an answer it cannot trust", async () => {
    const { dir, config, agent } = await world(server);
    const env = {
      TOLLGATE_URL: server.url.toString(),
      TOLLGATE_CLIENT_ID: agent.client.clientId,
      TOLLGATE_CLIENT_SECRET: agent.secret,
      TOLLGATE_PRODUCT: config.product,
    };
    const key = publicKeys()[0]?.publicKeyBase64 ?? "";
    const wrongKey = Buffer.from(
      generateKeyPairSync("ed25519").publicKey.export({ format: "jwk" }).x ?? "",
      "base64url",
    ).toString("base64");
    const refused = await cli(
      ["update", "--dir", dir, "--public-key", wrongKey, "--platform", "linux", "--arch", "x64"],
      env,
    );
    expect(refused.code).toBe(EXIT.ANSWER_REJECTED);
    expect(refused.stderr).toMatch(/signature/);
    const ok = await cli(
      [
        "update",
        "--dir",
        dir,
        "--public-key",
        key,
        "--platform",
        "linux",
        "--arch",
        "x64",
        "--json",
      ],
      env,
    );
    expect(ok.code, ok.stderr).toBe(EXIT.OK);
    expect(JSON.parse(ok.stdout)).toMatchObject({ status: "updated", from: "1.0.0", to: "2.0.0" });
    expect(existsSync(path.join(dir, ".tollgate", "machine-id"))).toBe(true);
    const usage = await cli(["update", "--dir", dir], env);
    expect(usage.code).toBe(EXIT.USAGE);
  }, 60_000);
});
