// Issue 10, item 9: every answer under /api is problem+json. A method a route does not export
// (TRACE included, which the Fetch API cannot even represent) is a 405 with Allow; a path that is
// not valid percent-encoding is a 400; both are audited. A server action posted from a foreign
// Origin is a 403 problem, audited, not a crash. Raw node:http, since fetch clients refuse TRACE
// and normalise malformed paths.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { expectAuditEvent } from "./fixtures/db";

// The app server's own answers, not the edge's: E2E_APP_URL is one instance, directly.
const base = new URL(
  process.env.E2E_APP_URL || process.env.E2E_BASE_URL || "http://localhost:3100",
);

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function send(
  method: string,
  target: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: base.hostname, port: base.port, method, path: target, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

// The API routes of the source tree and the methods each exports (kept true by
// tests/http/route-methods.test.ts), with a concrete path for each.
const routes = Object.entries(
  JSON.parse(
    readFileSync(path.join(process.cwd(), "lib", "http", "route-methods.json"), "utf8"),
  ) as Record<string, string[]>,
).map(([pattern, methods]) => ({
  pattern,
  target: pattern.replace(/\[\.\.\.[^\]]+\]/g, "no/such/thing").replace(/\[[^\]]+\]/g, "x"),
  allow: [...new Set([...methods, "OPTIONS", ...(methods.includes("GET") ? ["HEAD"] : [])])]
    .sort()
    .join(", "),
  unsupported: [
    "TRACE",
    ...["PUT", "DELETE", "PATCH", "POST", "GET"].filter((m) => !methods.includes(m)).slice(0, 1),
  ],
}));

test("a method an API route does not export is a 405 problem with Allow, and audited", async () => {
  expect(routes.length).toBeGreaterThan(15);
  const since = new Date();
  const failures: string[] = [];
  for (const route of routes) {
    for (const method of route.unsupported) {
      const requestId = `m405-${randomUUID()}`;
      const res = await send(method, route.target, { "x-request-id": requestId });
      const problem = res.headers["content-type"] === "application/problem+json";
      if (res.status !== 405 || !problem || res.headers.allow !== route.allow) {
        failures.push(
          `${method} ${route.target}: ${res.status} ${res.headers["content-type"]} allow=${res.headers.allow} (want ${route.allow})`,
        );
        continue;
      }
      expect(JSON.parse(res.body)).toMatchObject({ status: 405, code: "method_not_allowed" });
      const row = await expectAuditEvent({ action: "request.rejected", since, requestId });
      expect(row.targetId).toBe("http.method_not_allowed");
    }
  }
  expect(failures).toEqual([]);
});

test("a path that is not valid percent-encoding is a 400 problem, audited", async () => {
  const since = new Date();
  for (const target of ["/api/update/%E0%A4%A", "/api/%zz", "/api/releases/%C0%AF/publish?x=1"]) {
    const requestId = `pct-${randomUUID()}`;
    const res = await send("POST", target, { "x-request-id": requestId });
    expect(res.status, target).toBe(400);
    expect(res.headers["content-type"]).toBe("application/problem+json");
    expect(JSON.parse(res.body)).toMatchObject({ status: 400, code: "bad_request" });
    const row = await expectAuditEvent({ action: "request.rejected", since, requestId });
    expect(row.targetId).toBe("http.malformed_path");
  }
});

test("a refusal header a client sends itself is ignored", async () => {
  const forged = Buffer.from(JSON.stringify({ kind: "path", method: "GET", path: "/x" }));
  const res = await send("GET", "/api/health", {
    "x-tollgate-refusal": forged.toString("base64url"),
  });
  expect(res.status).toBe(200);
});

function someActionId(): string {
  const file = path.join(process.cwd(), ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { node: Record<string, unknown> };
  const [id] = Object.keys(manifest.node);
  if (!id) throw new Error("no server action in the build");
  return id;
}

test("a server action posted from a foreign Origin is a 403 problem, audited", async () => {
  const since = new Date();
  const actionId = someActionId();
  for (const origin of ["https://evil.example", "null", `http://${base.hostname}:1`]) {
    const requestId = `xorigin-${randomUUID()}`;
    const res = await send(
      "POST",
      "/portal/signin",
      {
        "next-action": actionId,
        origin,
        "content-type": "text/plain;charset=UTF-8",
        accept: "text/x-component",
        "x-request-id": requestId,
      },
      "[{}]",
    );
    expect(res.status, origin).toBe(403);
    expect(res.headers["content-type"]).toBe("application/problem+json");
    const row = await expectAuditEvent({ action: "access.denied", since, requestId });
    expect(row.targetId).toBe("action:cross-origin");
  }
  // The same action from this site's own origin is not refused as cross-origin.
  const res = await send(
    "POST",
    "/portal/signin",
    {
      "next-action": actionId,
      origin: base.origin,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
    },
    "[{}]",
  );
  expect(res.headers["content-type"]).not.toBe("application/problem+json");
});
