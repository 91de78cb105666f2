// Route handlers called past authentication: the bearer check belongs to lib/oauth and is tested
// there; these tests drive each handler's own parsing, streaming and responses.
import { randomUUID } from "node:crypto";
import type { Access } from "@/lib/http/access";
import type { ActorFor } from "@/lib/http/guards";
import { requestContext } from "@/lib/http/request-context";
import type { RouteHandler } from "@/lib/http/route";

export async function callHandler(
  route: RouteHandler,
  options: {
    actor: ActorFor<Access>;
    req: Request;
    params?: Record<string, string>;
    body?: unknown;
  },
): Promise<Response> {
  const ctx = requestContext(
    new Headers({ "x-request-id": `req-${randomUUID()}`, "user-agent": "route-tests" }),
  );
  const params = options.params ?? {};
  const parsed = route.spec.params ? route.spec.params.parse(params) : params;
  return route.spec.handler({
    req: options.req,
    ctx,
    actor: options.actor,
    body: options.body,
    params: parsed,
  });
}

// A request whose body is a web stream, as Next.js hands an upload to a route handler.
export function streamingRequest(
  url: string,
  method: string,
  body: ReadableStream<Uint8Array>,
  headers: Record<string, string>,
): Request {
  return new Request(url, { method, body, headers, duplex: "half" } as RequestInit & {
    duplex: "half";
  });
}
