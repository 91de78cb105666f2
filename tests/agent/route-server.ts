// A real HTTP server in the test process that hands requests to the real route handlers (token,
// update check, downloads), so the agent runs end to end over HTTP without a Next.js build. A
// hook may tamper with answers on the way out, as a hostile network would.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { RouteHandler } from "@/lib/http/route";
import { POST as tokenRoute } from "@/app/api/oauth/token/route";
import { POST as updateRoute } from "@/app/api/update/route";
import { POST as eventsRoute } from "@/app/api/update/events/route";
import { GET as downloadRoute } from "@/app/api/downloads/[id]/route";
import { uniqueIp } from "../updates/factories";

export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
}

export type Tamper = (path: string, response: Response) => Promise<Response> | Response;

export interface RouteServer {
  url: URL;
  seen: SeenRequest[];
  tamper: Tamper | null;
  close(): Promise<void>;
}

function match(
  method: string,
  path: string,
): { handler: RouteHandler; params: Record<string, string> } | null {
  if (method === "POST" && path === "/api/oauth/token") return { handler: tokenRoute, params: {} };
  if (method === "POST" && path === "/api/update") return { handler: updateRoute, params: {} };
  if (method === "POST" && path === "/api/update/events")
    return { handler: eventsRoute, params: {} };
  const download = /^\/api\/downloads\/([^/]+)$/.exec(path);
  if (method === "GET" && download?.[1])
    return { handler: downloadRoute, params: { id: download[1] } };
  return null;
}

async function toRequest(req: IncomingMessage, ip: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (
      ["host", "connection", "content-length", "transfer-encoding"].includes(name) ||
      value === undefined
    )
      continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  headers.set("x-tollgate-peer", ip);
  const method = req.method ?? "GET";
  return new Request(`http://localhost${req.url ?? "/"}`, {
    method,
    headers,
    body: method === "GET" || method === "HEAD" ? undefined : Buffer.concat(chunks),
  });
}

export async function startRouteServer(): Promise<RouteServer> {
  const ip = uniqueIp();
  const state: RouteServer = {
    url: new URL("http://127.0.0.1"),
    seen: [],
    tamper: null,
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      state.seen.push({
        method: req.method ?? "",
        path,
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      });
      const route = match(req.method ?? "", path);
      let response = route
        ? await route.handler(await toRequest(req, ip), { params: Promise.resolve(route.params) })
        : new Response("not found", { status: 404 });
      if (state.tamper) response = await state.tamper(path, response);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (response.body) {
        const reader = response.body.getReader();
        for (let next = await reader.read(); !next.done; next = await reader.read())
          res.write(next.value);
      }
      res.end();
    })().catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

// Copies a response with another body (headers kept, length fixed up).
export function withBody(response: Response, body: Uint8Array): Response {
  const headers = new Headers(response.headers);
  headers.set("content-length", String(body.byteLength));
  return new Response(Buffer.from(body), { status: response.status, headers });
}
