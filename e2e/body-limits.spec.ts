// Request bodies against the real server (server.mjs in front of the production build), byte by
// byte over a raw socket: an oversized declared length is refused at once, a stalled body is
// answered 408 rather than holding the connection (server-body-guard.mjs).
import { connect } from "node:net";
import { expect, test } from "@playwright/test";

// The app server's own answers, not the edge's: E2E_APP_URL is one instance, directly.
const base = new URL(
  process.env.E2E_APP_URL || process.env.E2E_BASE_URL || "http://localhost:3100",
);

// The status the server answered, or null if it closed or went quiet for `waitMs` (a generous
// bound on the wait, not an assertion on the time taken).
function exchange(head: string, body = "", waitMs = 30_000): Promise<number | null> {
  return new Promise((resolve) => {
    const socket = connect(Number(base.port), base.hostname);
    let text = "";
    const done = () => {
      const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
      socket.destroy();
      resolve(match ? Number(match[1]) : null);
    };
    const timer = setTimeout(done, waitMs);
    socket.on("data", (chunk) => {
      text += chunk.toString();
      if (/^HTTP\/1\.1 \d{3}/.test(text)) {
        clearTimeout(timer);
        done();
      }
    });
    socket.on("close", () => {
      clearTimeout(timer);
      done();
    });
    socket.on("error", () => undefined);
    socket.write(head + body);
  });
}

async function agentToken(request: import("@playwright/test").APIRequestContext) {
  const res = await request.post("/api/oauth/token", {
    form: {
      grant_type: "client_credentials",
      client_id: "demo-agent",
      client_secret: "demo-agent-secret",
    },
  });
  expect(res.status()).toBe(200);
  return String(((await res.json()) as { access_token: string }).access_token);
}

const head = (length: number, token: string) =>
  `POST /api/update HTTP/1.1\r\nHost: ${base.host}\r\nAuthorization: Bearer ${token}\r\n` +
  `Content-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

test.describe("request bodies", () => {
  test("a declared Content-Length over the limit is answered 413 before any body is sent", async ({
    request,
  }) => {
    const token = await agentToken(request);
    expect(await exchange(head(10_000_000_000, token))).toBe(413);
  });

  test("a body that stalls is answered 408, not held", async ({ request }) => {
    const token = await agentToken(request);
    expect(await exchange(head(500, token), "{".padEnd(100, " "))).toBe(408);
  });
});
