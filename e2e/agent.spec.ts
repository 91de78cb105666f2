// The reference agent (agent/cli.ts, run with tsx as a customer would) against the production
// build and the seeded demo data: demo-agent (Globex, acme-server stable) updates a directory
// from 1.0.0 to 2.0.0, and refuses a tampered artifact and a tampered or replayed update answer
// served by a hostile proxy between it and the server, leaving the directory untouched.
import { spawn } from "node:child_process";
import { createPublicKey } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { mkdir, readdir, readFile, readlink, symlink, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { EXIT } from "../agent/errors";

const BASE = process.env.E2E_BASE_URL ?? "http://localhost:3100";
// One machine for every run of this spec: the demo license's machine limit is shared.
const MACHINE = "e2e-agent-spec";

// The operator pins the release key from the server's configuration, not from the network.
function pinnedKey(): string {
  const pem = process.env.RELEASE_SIGNING_KEY;
  if (!pem) throw new Error("RELEASE_SIGNING_KEY is not set: run through `npm test -- e2e`");
  const jwk = createPublicKey(pem).export({ format: "jwk" });
  return Buffer.from(jwk.x ?? "", "base64url").toString("base64");
}

async function installation(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "tollgate-e2e-agent-"));
  await mkdir(path.join(dir, "releases", "1.0.0"), { recursive: true });
  await writeFile(path.join(dir, "releases", "1.0.0", "VERSION"), "1.0.0\n");
  await symlink(path.join("releases", "1.0.0"), path.join(dir, "current"));
  return dir;
}

function agent(
  command: "check" | "update",
  dir: string,
  server: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const args = [
    path.resolve("agent/cli.ts"),
    command,
    "--dir",
    dir,
    "--server",
    server,
    "--client-id",
    "demo-agent",
    "--public-key",
    pinnedKey(),
    "--product",
    "acme-server",
    "--platform",
    "linux",
    "--arch",
    "x64",
    "--machine-id",
    MACHINE,
    "--json",
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(path.resolve("node_modules/.bin/tsx"), args, {
      env: {
        NODE_ENV: "production",
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? tmpdir(),
        TOLLGATE_CLIENT_SECRET: "demo-agent-secret",
        // Through the edge (https with a local CA), the agent trusts that CA as an installation
        // behind a private CA would.
        ...(process.env.NODE_EXTRA_CA_CERTS
          ? { NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS }
          : {}),
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

// May rewrite the body and the (mutable) response headers.
type Transform = (
  path: string,
  status: number,
  body: Buffer,
  headers: Record<string, string>,
) => Buffer;

// A hostile network: forwards to the server and lets a test rewrite what comes back.
async function proxy(transform: Transform): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers: Record<string, string> = {};
      for (const name of ["authorization", "content-type", "range", "if-range", "user-agent"]) {
        const value = req.headers[name];
        if (typeof value === "string") headers[name] = value;
      }
      const upstream = await fetch(new URL(req.url ?? "/", BASE), {
        method: req.method,
        headers,
        body: req.method === "GET" ? undefined : Buffer.concat(chunks),
      });
      const path = new URL(req.url ?? "/", BASE).pathname;
      const out: Record<string, string> = {};
      upstream.headers.forEach((value, name) => {
        if (
          !["content-encoding", "content-length", "transfer-encoding", "connection"].includes(name)
        )
          out[name] = value;
      });
      const body = transform(path, upstream.status, Buffer.from(await upstream.arrayBuffer()), out);
      out["content-length"] = String(body.length);
      res.writeHead(upstream.status, out);
      res.end(body);
    })().catch((error: unknown) =>
      res.destroy(error instanceof Error ? error : new Error(String(error))),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function untouched(dir: string) {
  expect(await readlink(path.join(dir, "current"))).toBe(path.join("releases", "1.0.0"));
  expect(await readdir(path.join(dir, "releases"))).toEqual(["1.0.0"]);
}

test.describe("reference agent", () => {
  test("updates a directory from 1.0.0 to 2.0.0, and the installed build runs", async () => {
    const dir = await installation();
    const check = await agent("check", dir, BASE);
    expect(check.code, check.stderr).toBe(EXIT.OK);
    expect(JSON.parse(check.stdout)).toMatchObject({
      status: "update_available",
      installed: "1.0.0",
      latest: "2.0.0",
    });

    const update = await agent("update", dir, BASE);
    expect(update.code, update.stderr).toBe(EXIT.OK);
    expect(JSON.parse(update.stdout)).toMatchObject({
      status: "updated",
      from: "1.0.0",
      to: "2.0.0",
    });
    expect(await readlink(path.join(dir, "current"))).toBe(path.join("releases", "2.0.0"));
    expect(await readFile(path.join(dir, "current", "VERSION"), "utf8")).toBe("2.0.0\n");
    const script = await readFile(
      path.join(dir, "current", "acme-server-2.0.0-linux-x64.sh"),
      "utf8",
    );
    expect(script).toContain('echo "acme-server 2.0.0 (linux/x64)"');

    const again = await agent("update", dir, BASE);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: "up_to_date", from: "2.0.0" });
  });

  test("refuses an artifact with one flipped byte and changes nothing", async () => {
    const dir = await installation();
    const hostile = await proxy((p, status, body) => {
      if (!p.startsWith("/api/downloads/") || status !== 200) return body;
      const copy = Buffer.from(body);
      copy[3] = (copy[3] ?? 0) ^ 0x01;
      return copy;
    });
    try {
      const run = await agent("update", dir, hostile.url);
      expect(run.code, run.stderr).toBe(EXIT.ARTIFACT_REJECTED);
      expect(run.stderr).toMatch(/SHA-256/);
      await untouched(dir);
    } finally {
      await hostile.close();
    }
  });

  test("refuses a tampered update answer and changes nothing", async () => {
    const dir = await installation();
    const hostile = await proxy((p, status, body) => {
      if (p !== "/api/update" || status !== 200) return body;
      // Dropping the critical flag of 2.0.0: any edit breaks the signature.
      return Buffer.from(body.toString().replace('"critical":true', '"critical":false'));
    });
    try {
      const run = await agent("update", dir, hostile.url);
      expect(run.code, run.stderr).toBe(EXIT.ANSWER_REJECTED);
      expect(run.stderr).toMatch(/signature/);
      await untouched(dir);
    } finally {
      await hostile.close();
    }
  });

  test("refuses a replayed (stale) update answer and changes nothing", async () => {
    const dir = await installation();
    let recorded: { body: Buffer; signature: string } | null = null;
    const hostile = await proxy((p, status, body, headers) => {
      if (p !== "/api/update" || status !== 200) return body;
      // A genuine answer, signature and all, served again later.
      recorded ??= { body, signature: headers["x-tollgate-signature"] ?? "" };
      headers["x-tollgate-signature"] = recorded.signature;
      return recorded.body;
    });
    try {
      // The first answer is genuine (and recorded); the second run is served the recording.
      expect((await agent("check", dir, hostile.url)).code).toBe(EXIT.OK);
      const run = await agent("update", dir, hostile.url);
      expect(run.code, run.stderr).toBe(EXIT.ANSWER_REJECTED);
      expect(run.stderr).toMatch(/nonce|replayed/);
      await untouched(dir);
    } finally {
      await hostile.close();
    }
  });
});
