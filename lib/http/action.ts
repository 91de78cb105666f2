// Server actions over the one guard core (guards.ts), the twin of defineRoute: the same access
// declarations, network gate, per-address rate limit, authentication, permission check,
// validation and refusal audit; the result is a value the form can render (field errors, a
// readable message) instead of an HTTP response. The handler's actor is typed by the access
// (a staff action gets a StaffActor).
//
//   "use server";
//   export const revokeLicenseAction = defineAction({
//     name: "licenses.revoke",
//     access: { kind: "staff", permission: "licenses:revoke" },
//     input: revokeLicenseSchema,
//     handler: ({ actor, input, ctx }) => revokeLicense({ actor, input, request: ctx }),
//   });
import { headers } from "next/headers";
import type { ZodType } from "zod";
import type { RateLimitPolicy } from "@/lib/ratelimit/enforce";
import type { Access } from "./access";
import { auditRefusal } from "./audit-refusal";
import { toAppError, zodToAppError } from "./error-mapper";
import { runGuards, type ActorFor } from "./guards";
import { requestContext, type RequestContext } from "./request-context";

export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: {
        code: string;
        message: string;
        fieldErrors: Record<string, string>;
        stepUpRequired: boolean;
        requestId: string;
      };
    };

export interface ActionSpec<I, O, A extends Access = Access> {
  name: string;
  access: A;
  // Counted on top of the per-address limit every action has.
  rateLimit?: readonly RateLimitPolicy[];
  input: ZodType<I>;
  handler: (args: { actor: ActorFor<A>; input: I; ctx: RequestContext }) => Promise<O>;
}

export type Action<O> = ((raw: unknown) => Promise<ActionResult<O>>) & {
  spec: ActionSpec<unknown, unknown>;
};

function fromFormData(raw: unknown): unknown {
  if (!(raw instanceof FormData)) return raw;
  const out: Record<string, unknown> = {};
  for (const [key, value] of raw.entries()) {
    if (key.startsWith("$ACTION")) continue; // Next.js bookkeeping fields
    const existing = out[key];
    out[key] =
      existing === undefined
        ? value
        : Array.isArray(existing)
          ? [...existing, value]
          : [existing, value];
  }
  return out;
}

export function defineAction<I, O, A extends Access>(spec: ActionSpec<I, O, A>): Action<O> {
  const action = async (raw: unknown): Promise<ActionResult<O>> => {
    const h = await headers();
    const ctx = requestContext(h);
    let actor: ActorFor<A> | null = null;
    try {
      // Server actions are always POSTs.
      ({ actor } = await runGuards(spec.access, {
        headers: h,
        method: "POST",
        route: `action:${spec.name}`,
        ctx,
        rateLimit: spec.rateLimit,
      }));
      const parsed = spec.input.safeParse(fromFormData(raw));
      if (!parsed.success) throw zodToAppError(parsed.error);
      const data = await spec.handler({ actor, input: parsed.data, ctx });
      ctx.log.info({ action: spec.name }, "action completed");
      return { ok: true, data };
    } catch (thrown) {
      const error = toAppError(thrown);
      if (error.status >= 500) ctx.log.error({ action: spec.name, err: thrown }, "action failed");
      await auditRefusal({ route: `action:${spec.name}`, error, actor, ctx });
      const fieldErrors: Record<string, string> = {};
      for (const e of error.extra.errors ?? []) fieldErrors[e.path] ??= e.message;
      return {
        ok: false,
        error: {
          code: error.code,
          message: error.message,
          fieldErrors,
          stepUpRequired: error.extra.stepUpRequired === true,
          requestId: ctx.requestId,
        },
      };
    }
  };
  return Object.assign(action, { spec: spec as unknown as ActionSpec<unknown, unknown> });
}
