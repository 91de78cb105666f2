// server.mjs's body guard over a real socket: a node:http server running the same guard in front
// of a handler that reads the whole body (as Next.js does), driven byte by byte with net.connect.
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript module shared with server.mjs (no type declarations)
import { bodyGuardConfig, guardRequestBody } from "../../server-body-guard.mjs";

const config = {
  ...bodyGuardConfig({}),
  maxBodyBytes: 1000,
  maxUploadBytes: 100_000,
  bodyTimeoutMs: 400,
  uploadIdleTimeoutMs: 400,
  checkEveryMs: 50,
};

let server: Server;
let port = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (guardRequestBody(req, res, config)) return;
    let bytes = 0;
    req.on("data", (chunk: Buffer) => (bytes += chunk.length));
    req.on("end", () => res.end(`read ${bytes}`));
    req.on("error", () => undefined);
  });
  server.requestTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

// Sends the head (and whatever body parts are given, with pauses between them) and resolves with
// the status line the server answered, or "closed without an answer".
function exchange(head: string, parts: { data: string; pauseMs?: number }[] = []) {
  return new Promise<{ status: number | null; text: string }>((resolve) => {
    const socket: Socket = connect(port, "127.0.0.1");
    let text = "";
    socket.on("data", (chunk) => (text += chunk.toString()));
    socket.on("close", () => {
      const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve({ status: match ? Number(match[1]) : null, text });
    });
    socket.on("error", () => undefined);
    socket.write(head);
    void (async () => {
      for (const part of parts) {
        await new Promise((r) => setTimeout(r, part.pauseMs ?? 0));
        if (socket.destroyed) return;
        socket.write(part.data);
      }
    })();
  });
}

const post = (path: string, length: number, method = "POST") =>
  `${method} ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`;

describe("the body guard", () => {
  it("answers a declared length over the limit with 413 at once, reading nothing", async () => {
    const { status, text } = await exchange(post("/api/update", 10_000_000_000));
    expect(status).toBe(413);
    expect(text).toContain("application/problem+json");
    expect(text).toContain('"code":"payload_too_large"');
  });

  it("answers a body that stalls with 408 instead of holding the connection", async () => {
    const { status, text } = await exchange(post("/api/update", 500), [{ data: "x".repeat(100) }]);
    expect(status).toBe(408);
    expect(text).toContain('"status":408');
  });

  it("lets a body within the limit through to the handler", async () => {
    const { status, text } = await exchange(post("/api/update", 100), [{ data: "y".repeat(100) }]);
    expect(status).toBe(200);
    expect(text).toContain("read 100");
  });

  it("lets an upload that keeps progressing run past the body timeout", async () => {
    const path = "/api/releases/rel_1/artifacts/linux/x64";
    const parts = Array.from({ length: 12 }, () => ({ data: "z".repeat(100), pauseMs: 100 }));
    const { status, text } = await exchange(post(path, 1200, "PUT"), parts);
    expect(status).toBe(200);
    expect(text).toContain("read 1200");
  });

  it("answers an upload that stops progressing with 408", async () => {
    const path = "/api/admin/releases/rel_1/artifacts/linux/x64";
    const { status, text } = await exchange(post(path, 5000, "PUT"), [{ data: "z".repeat(100) }]);
    expect(status).toBe(408);
    expect(text).toContain("upload");
  });

  it("refuses an upload over its own, larger limit, and a body over the default at once", async () => {
    const path = "/api/releases/rel_1/artifacts/linux/x64";
    expect((await exchange(post(path, 200_000, "PUT"))).status).toBe(413);
    expect((await exchange(post(path, 5000, "POST"))).status).toBe(413);
  });
});
