// Issue 10, item 1: Next.js forwards a server action posted to ANY page to the page that owns it,
// as a second request from the server itself over loopback. Every staff action of this build,
// posted to every non-staff page from outside the staff allowlist, must be refused with 403 and
// audited with the client's own address, never 127.0.0.1.
//
// The shared e2e stack trusts 127.0.0.1 as a proxy (so other specs can present addresses with
// X-Forwarded-For), which would hide the bug: this spec starts a second server from the same
// build and database that trusts no proxy, allows only 127.0.0.1/32 and 127.0.0.3/32, and is
// reached from real source addresses 127.0.0.2 (outside) and 127.0.0.3 (inside).
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { auditEvents, expectAuditEvent } from "./fixtures/db";

const OUTSIDE = "127.0.0.2";
const INSIDE = "127.0.0.3";
const NON_STAFF_PAGES = [
  "/",
  "/portal",
  "/portal/signin",
  "/forbidden",
  "/docs/api",
  "/signin/refused",
  "/signout",
];

interface ManifestEntry {
  filename: string;
  exportedName: string;
}

function staffActions(): { id: string; name: string }[] {
  const file = path.join(process.cwd(), ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as {
    node: Record<string, ManifestEntry>;
  };
  return Object.entries(manifest.node)
    .filter(([, entry]) => entry.filename.startsWith("app/admin/"))
    .map(([id, entry]) => ({ id, name: `${entry.filename}#${entry.exportedName}` }));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

let port = 0;
let server: ChildProcess | null = null;

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const ok = await send({ from: INSIDE, method: "GET", path: "/api/health" })
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("second server did not start");
}

interface Sent {
  from: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

function send(req: Sent): Promise<{ status: number; contentType: string; body: string }> {
  return new Promise((resolve, reject) => {
    const r = http.request(
      {
        host: "127.0.0.1",
        port,
        localAddress: req.from,
        method: req.method,
        path: req.path,
        headers: { "user-agent": "forwarded-actions-e2e", ...req.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers["content-type"] ?? ""),
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    r.on("error", reject);
    r.end(req.body);
  });
}

function postAction(from: string, page: string, actionId: string, requestId: string) {
  return send({
    from,
    method: "POST",
    path: page,
    headers: {
      "next-action": actionId,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      "x-request-id": requestId,
    },
    body: "[{}]",
  });
}

test.beforeAll(async () => {
  port = await freePort();
  server = spawn(process.execPath, ["server.mjs"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOSTNAME_BIND: "127.0.0.1",
      STAFF_IP_ALLOWLIST: `127.0.0.1/32,${INSIDE}/32`,
      TRUSTED_PROXIES: "",
    },
    stdio: "ignore",
    detached: true,
  });
  await waitForServer();
});

test.afterAll(() => {
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
});

test("every staff server action posted to every non-staff page from outside the allowlist is refused with 403 and audited with the client's address", async () => {
  test.setTimeout(240_000);
  const actions = staffActions();
  expect(actions.length).toBeGreaterThan(20);
  const since = new Date();
  const failures: string[] = [];
  for (const action of actions) {
    for (const page of NON_STAFF_PAGES) {
      const requestId = `fwd-${randomUUID()}`;
      const res = await postAction(OUTSIDE, page, action.id, requestId);
      if (res.status !== 403) failures.push(`${action.name} → ${page}: ${res.status}`);
      const rows = await auditEvents({ action: "auth.ip_blocked", since, requestId });
      if (rows.length === 0 || rows.some((row) => row.ip !== OUTSIDE))
        failures.push(`${action.name} → ${page}: audit ${JSON.stringify(rows.map((r) => r.ip))}`);
    }
  }
  expect(failures).toEqual([]);
  // Nothing anywhere in this run was recorded as coming from the server's own loopback address.
  const loopback = await auditEvents({ action: "auth.session_rejected", since, ip: "127.0.0.1" });
  expect(loopback).toEqual([]);
});

test("a forwarded staff action from an allowed address keeps that address in the audit trail", async () => {
  const [action] = staffActions();
  if (!action) throw new Error("no staff action in the build");
  const since = new Date();
  const requestId = `fwd-${randomUUID()}`;
  await postAction(INSIDE, "/portal/signin", action.id, requestId);
  // No session: the owning page's guard refuses it, after Next.js forwarded it over loopback.
  const row = await expectAuditEvent({ action: "auth.session_rejected", since, requestId });
  expect(row.ip).toBe(INSIDE);
});

test("a peer address a client sends itself is ignored, sealed or not", async () => {
  const since = new Date();
  const requestId = `fwd-${randomUUID()}`;
  const res = await send({
    from: OUTSIDE,
    method: "GET",
    path: "/admin",
    headers: {
      "x-tollgate-peer": "127.0.0.1",
      "x-tollgate-peer-seal": "forged",
      "x-request-id": requestId,
    },
  });
  expect(res.status).toBe(403);
  const row = await expectAuditEvent({ action: "auth.ip_blocked", since, requestId });
  expect(row.ip).toBe(OUTSIDE);
});
