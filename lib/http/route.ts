// The one guard chain for route handlers: context → authenticate → rate limit → authorize →
// parse → handler → one error mapper. A route declares its access and limits next to its code:
//
//   export const POST = defineRoute({
//     name: "releases.create",
//     access: { kind: "client", scope: "releases:write" },
//     rateLimit: ["client"],
//     body: createReleaseSchema,
//     handler: async ({ body, actor, ctx }) => json(await createRelease({ actor, input: body, request: ctx }), 201),
//   });
import type { ZodType } from "zod";
import type { Actor } from "@/lib/authz/actor";
import { requirePermission } from "@/lib/authz/require-permission";
import { env } from "@/lib/env";
import type { Access } from "./access";
import { auditRefusal } from "./audit-refusal";
import { authenticate } from "./authenticate";
import { toAppError, zodToAppError } from "./error-mapper";
import { AppError } from "@/lib/errors/app-error";
import { problemResponse } from "./problem";
import { readJson } from "./read-body";
import { requestContext, type RequestContext } from "./request-context";
import { enforceRateLimits, type RateLimitPolicy } from "@/lib/ratelimit/enforce";

export interface RouteArgs<B, P> {
  req: Request;
  ctx: RequestContext;
  actor: Actor;
  body: B;
  params: P;
}

export interface RouteSpec<B, P> {
  name: string;
  access: Access;
  rateLimit?: readonly RateLimitPolicy[];
  // A JSON body validated with zod; raw bodies (uploads) are read by the handler itself.
  body?: ZodType<B>;
  maxBodyBytes?: number;
  params?: ZodType<P>;
  handler: (args: RouteArgs<B, P>) => Promise<Response>;
}

export type RouteHandler = ((
  req: Request,
  segment: { params: Promise<Record<string, string | string[]>> },
) => Promise<Response>) & {
  spec: RouteSpec<unknown, unknown>;
};

export function defineRoute<B = undefined, P = Record<string, never>>(
  spec: RouteSpec<B, P>,
): RouteHandler {
  const handler = async (
    req: Request,
    segment: { params: Promise<Record<string, string | string[]>> },
  ) => {
    const ctx = requestContext(req.headers);
    let actor: Actor | null = null;
    let extraHeaders: Record<string, string> = {};
    try {
      actor = await authenticate(spec.access, req.headers, ctx, req.method);
      ctx.log = ctx.log.child({
        actorId:
          "userId" in actor ? actor.userId : "apiClientId" in actor ? actor.apiClientId : null,
      });
      if (spec.rateLimit?.length) {
        extraHeaders = (await enforceRateLimits(spec.rateLimit, { ctx, actor })).headers;
      }
      if (spec.access.kind === "staff") requirePermission(actor, spec.access.permission);
      if (spec.access.kind === "client") requirePermission(actor, spec.access.scope);
      let params = {} as P;
      if (spec.params) {
        const parsed = spec.params.safeParse(await segment.params);
        if (!parsed.success) throw zodToAppError(parsed.error, "The URL is not valid.");
        params = parsed.data;
      }
      const body = spec.body
        ? await readJson(req, spec.body, spec.maxBodyBytes ?? env().MAX_JSON_BODY_BYTES)
        : (undefined as B);
      const response = await spec.handler({ req, ctx, actor, body, params });
      response.headers.set("x-request-id", ctx.requestId);
      for (const [k, v] of Object.entries(extraHeaders)) response.headers.set(k, v);
      ctx.log.info({ route: spec.name, status: response.status }, "request handled");
      return response;
    } catch (thrown) {
      const error = toAppError(thrown);
      if (error.status >= 500) ctx.log.error({ route: spec.name, err: thrown }, "request failed");
      else
        ctx.log.warn(
          { route: spec.name, status: error.status, code: error.code },
          "request refused",
        );
      await auditRefusal({ route: spec.name, error, actor, ctx });
      for (const [k, v] of Object.entries(extraHeaders))
        error.extra.headers = { ...error.extra.headers, [k]: v };
      return problemResponse(error, ctx.requestId, new URL(req.url).pathname);
    }
  };
  return Object.assign(handler, { spec: spec as RouteSpec<unknown, unknown> });
}

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(
    JSON.stringify(data, (_k, v: unknown) => (typeof v === "bigint" ? Number(v) : v)),
    {
      status,
      headers: { "content-type": "application/json", "cache-control": "no-store", ...headers },
    },
  );
}

export { AppError };
