// Route handlers over the one guard core (guards.ts: network gate → per-address rate limit →
// authenticate → per-subject rate limits → permission), then parse → handler → one error mapper. A route declares its access and limits next to its code:
//
//   export const POST = defineRoute({
//     name: "releases.create",
//     access: { kind: "client", scope: "releases:write" },
//     rateLimit: ["client"],
//     body: createReleaseSchema,
//     handler: async ({ body, actor, ctx }) => json(await createRelease({ actor, input: body, request: ctx }), 201),
//   });
import type { ZodType } from "zod";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import type { RateLimitPolicy } from "@/lib/ratelimit/enforce";
import type { Access } from "./access";
import { auditRefusal } from "./audit-refusal";
import { toAppError, zodToAppError } from "./error-mapper";
import { runGuards, type ActorFor } from "./guards";
import { problemResponse } from "./problem";
import { readJson } from "./read-body";
import { requestContext, type RequestContext } from "./request-context";

export interface RouteArgs<A extends Access, B, P> {
  req: Request;
  ctx: RequestContext;
  actor: ActorFor<A>;
  body: B;
  params: P;
}

export interface RouteSpec<A extends Access, B, P> {
  name: string;
  access: A;
  rateLimit?: readonly RateLimitPolicy[];
  // A JSON body validated with zod; raw bodies (uploads) are read by the handler itself.
  body?: ZodType<B>;
  maxBodyBytes?: number;
  params?: ZodType<P>;
  handler: (args: RouteArgs<A, B, P>) => Promise<Response>;
}

export type RouteHandler = ((
  req: Request,
  segment: { params: Promise<Record<string, string | string[]>> },
) => Promise<Response>) & {
  spec: RouteSpec<Access, unknown, unknown>;
};

export function defineRoute<A extends Access, B = undefined, P = Record<string, never>>(
  spec: RouteSpec<A, B, P>,
): RouteHandler {
  const handler = async (
    req: Request,
    segment: { params: Promise<Record<string, string | string[]>> },
  ) => {
    const ctx = requestContext(req.headers);
    let actor: ActorFor<A> | null = null;
    let extraHeaders: Record<string, string> = {};
    try {
      const guarded = await runGuards(spec.access, {
        headers: req.headers,
        method: req.method,
        route: spec.name,
        ctx,
        rateLimit: spec.rateLimit,
        url: req.url,
      });
      actor = guarded.actor;
      extraHeaders = guarded.rateLimitHeaders;
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
      // A handler that enforced a counter of its own (the token endpoint) reports that one.
      if (!response.headers.has("ratelimit-limit"))
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
      // A refusal that carries its own counter's headers (a 429) reports that one.
      if (!error.extra.headers?.["ratelimit-limit"])
        error.extra.headers = { ...error.extra.headers, ...extraHeaders };
      return problemResponse(error, ctx.requestId, new URL(req.url).pathname);
    }
  };
  return Object.assign(handler, { spec: spec as unknown as RouteSpec<Access, unknown, unknown> });
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
