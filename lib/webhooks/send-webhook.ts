// One POST to an endpoint: a hard timeout over the whole exchange, no redirects followed (a 3xx
// is a failure: following it would let a public URL bounce the request inward), the SSRF guard
// on the connection, and only the status code read back (the body is discarded unread beyond
// the first bytes).
import http from "node:http";
import https from "node:https";
import { assertSafeHost, guardedLookup, UnsafeTargetError } from "./safe-target";

export interface SendResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface SendOptions {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  allowPrivate: boolean;
}

function post(options: SendOptions): Promise<number> {
  const url = new URL(options.url);
  assertSafeHost(url, options.allowPrivate);
  const transport = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(url, {
      method: "POST",
      headers: { ...options.headers, "Content-Length": Buffer.byteLength(options.body) },
      lookup: guardedLookup(options.allowPrivate),
      signal: AbortSignal.timeout(options.timeoutMs),
      timeout: options.timeoutMs,
      agent: false,
    });
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", reject);
    req.on("response", (res) => {
      res.resume();
      res.on("error", () => undefined);
      resolve(res.statusCode ?? 0);
      res.destroy();
    });
    req.end(options.body);
  });
}

const describe = (error: unknown): string => {
  if (error instanceof UnsafeTargetError) return `refused: ${error.message}`;
  if (error instanceof Error) {
    if (error.name === "AbortError" || error.name === "TimeoutError") return "timed out";
    const code = (error as NodeJS.ErrnoException).code;
    return (code ? `${code}: ` : "") + error.message.slice(0, 200);
  }
  return "failed";
};

export async function sendWebhook(options: SendOptions): Promise<SendResult> {
  const started = performance.now();
  try {
    const statusCode = await post(options);
    const durationMs = Math.round(performance.now() - started);
    const ok = statusCode >= 200 && statusCode < 300;
    const error = ok
      ? null
      : statusCode >= 300 && statusCode < 400
        ? "redirect not followed"
        : `HTTP ${statusCode}`;
    return { ok, statusCode, error, durationMs };
  } catch (error) {
    return {
      ok: false,
      statusCode: null,
      error: describe(error),
      durationMs: Math.round(performance.now() - started),
    };
  }
}
