// The authorization matrix: every staff route and every server action, run as every built-in
// role, as a customer user and as an anonymous visitor. Routes run their real handler; actions
// run the same guard steps defineAction runs (authenticate, then the declared permission), since
// a server action cannot be called outside a Next.js request.
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { BUILT_IN_ROLES } from "@/lib/authz/built-in-roles";
import { requirePermission } from "@/lib/authz/require-permission";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { Access } from "@/lib/http/access";
import type { ActionSpec } from "@/lib/http/action";
import { authenticateFor } from "@/lib/http/guards";
import { toAppError } from "@/lib/http/error-mapper";
import { requestContext } from "@/lib/http/request-context";
import { createCustomerUser, createSession, createStaffUser, uid } from "../identity/factories";
import { builtInRoleIds } from "./factories";
import { loadRouteRegistry, type RouteEntry } from "./route-registry";

type Principal = {
  name: string;
  cookie: string | null;
  permissions: ReadonlySet<string> | null;
  // The customer membership of a customer user, for routes and actions declared `customer`.
  membership?: "ADMIN" | "MEMBER";
};

const APP = path.resolve(import.meta.dirname, "..", "..", "app");
// Server actions that are not defineAction, each with why it needs no permission.
const ACTIONS_WITHOUT_PERMISSION: Record<string, string> = {
  "signout/actions.ts#signOutAction": "ends the caller's own session",
  "signout/actions.ts#signOutEverywhereAction": "ends the caller's own sessions",
};

const principals: Principal[] = [];

beforeAll(async () => {
  principals.push({ name: "anonymous", cookie: null, permissions: null });
  const customer = await createCustomerUser();
  const customerSession = await createSession(customer.id);
  principals.push({
    name: "customer admin",
    cookie: customerSession.token,
    permissions: null,
    membership: "ADMIN",
  });
  const member = await createCustomerUser();
  await db().customerMembership.updateMany({
    where: { userId: member.id },
    data: { role: "MEMBER" },
  });
  const memberSession = await createSession(member.id);
  principals.push({
    name: "customer member",
    cookie: memberSession.token,
    permissions: null,
    membership: "MEMBER",
  });
  const roleIds = await builtInRoleIds();
  for (const role of BUILT_IN_ROLES) {
    const user = await createStaffUser({ email: `matrix-${role.key}-${uid()}@vendor.test` });
    const roleId = roleIds[role.key];
    if (!roleId) throw new Error(`built-in role ${role.key} missing`);
    await db().roleAssignment.create({ data: { userId: user.id, roleId } });
    // MFA passed and a fresh step-up, so that only the permission decides.
    const { token } = await createSession(user.id, { stepUpAt: new Date() });
    principals.push({ name: role.key, cookie: token, permissions: new Set(role.permissions) });
  }
});

function headersFor(p: Principal): Headers {
  const origin = new URL(env().APP_URL).origin;
  const h = new Headers({
    "x-tollgate-peer": "127.0.0.1",
    origin,
    "sec-fetch-site": "same-origin",
    "content-type": "application/json",
    "user-agent": "authorization-matrix",
  });
  if (p.cookie) h.set("cookie", `tollgate.session=${p.cookie}`);
  return h;
}

function expected(access: Access, p: Principal): "refused" | "allowed" {
  if (access.kind === "customer") {
    if (!p.membership) return "refused";
    return access.membership === "ADMIN" && p.membership !== "ADMIN" ? "refused" : "allowed";
  }
  if (access.kind !== "staff") return "refused";
  return p.permissions?.has(access.permission) ? "allowed" : "refused";
}

function fillParams(routePath: string): { url: string; params: Record<string, string | string[]> } {
  const params: Record<string, string | string[]> = {};
  const url = routePath.replace(
    /\[(\.\.\.)?([^\]]+)\]/g,
    (_m, rest: string | undefined, name: string) => {
      const value = name === "platform" ? "linux" : name === "arch" ? "x64" : `matrix_${name}`;
      params[name] = rest ? [value] : value;
      return value;
    },
  );
  return { url, params };
}

type Handler = (
  req: Request,
  seg: { params: Promise<Record<string, string | string[]>> },
) => Promise<Response>;

async function handlerOf(route: RouteEntry): Promise<Handler> {
  const mod = (await import(pathToFileURL(path.join(APP, route.file)).href)) as Record<
    string,
    unknown
  >;
  return mod[route.method] as Handler;
}

// Runs a route's real handler as one principal, with placeholder path parameters.
async function callAs(handler: Handler, route: RouteEntry, p: Principal): Promise<Response> {
  const { url, params } = fillParams(route.path);
  const body = ["GET", "HEAD", "DELETE"].includes(route.method) ? undefined : "{}";
  return handler(
    new Request(`${env().APP_URL}${url}`, { method: route.method, headers: headersFor(p), body }),
    { params: Promise.resolve(params) },
  );
}

describe("authorization matrix: staff routes", async () => {
  const { entries } = await loadRouteRegistry();
  const staffRoutes = entries.filter(
    (e): e is RouteEntry & { access: Extract<Access, { kind: "staff" }> } =>
      e.access.kind === "staff",
  );

  it("has staff routes to check", () => {
    expect(staffRoutes.length).toBeGreaterThan(2);
  });

  for (const route of staffRoutes) {
    it(`${route.method} ${route.path} (${route.access.permission}) as every principal`, async () => {
      const handler = await handlerOf(route);
      const outcomes: string[] = [];
      for (const p of principals) {
        const res = await callAs(handler, route, p);
        const got = res.status === 401 || res.status === 403 ? "refused" : "allowed";
        outcomes.push(
          `${p.name}: expected ${expected(route.access, p)}, got ${got} (${res.status})`,
        );
        expect(got, outcomes.join("\n")).toBe(expected(route.access, p));
        if (p.name === "anonymous") expect(res.status).toBe(401);
      }
    });
  }
});

describe("authorization matrix: customer routes", async () => {
  const { entries } = await loadRouteRegistry();
  const customerRoutes = entries.filter((e) => e.access.kind === "customer");

  it("has customer routes to check", () => {
    expect(customerRoutes.length).toBeGreaterThan(0);
  });

  for (const route of customerRoutes) {
    it(`${route.method} ${route.path} (${route.access.kind}) as every principal`, async () => {
      const handler = await handlerOf(route);
      for (const p of principals) {
        const res = await callAs(handler, route, p);
        const got = res.status === 401 || res.status === 403 ? "refused" : "allowed";
        expect(got, `${route.path} as ${p.name} (${res.status})`).toBe(expected(route.access, p));
        if (p.name === "anonymous") expect(res.status).toBe(401);
      }
    });
  }
});

function actionFiles(dir = APP): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => path.basename(f) === "actions.ts")
    .map((f) => path.join(dir, f))
    .sort();
}

describe("authorization matrix: server actions", async () => {
  const actions: { id: string; spec: ActionSpec<unknown, unknown> }[] = [];
  const undeclared: string[] = [];
  for (const file of actionFiles()) {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value !== "function") continue;
      const id = `${path.relative(APP, file)}#${name}`;
      const spec = (value as { spec?: ActionSpec<unknown, unknown> }).spec;
      if (spec?.access) actions.push({ id, spec });
      else if (!ACTIONS_WITHOUT_PERMISSION[id]) undeclared.push(id);
    }
  }

  it("every server action declares its access (defineAction) or is listed with a reason", () => {
    expect(undeclared).toEqual([]);
    expect(actions.length).toBeGreaterThan(5);
  });

  for (const { id, spec } of actions) {
    const label =
      spec.access.kind === "staff"
        ? spec.access.permission
        : spec.access.kind === "customer"
          ? `customer${spec.access.membership ? ` ${spec.access.membership}` : ""}`
          : spec.access.kind;
    it(`${id} (${label}) as every principal`, async () => {
      for (const p of principals) {
        const h = headersFor(p);
        let got: "allowed" | "refused" = "allowed";
        try {
          const { actor } = await authenticateFor(spec.access, {
            headers: h,
            ctx: requestContext(h),
            method: "POST",
            route: `action:${spec.name}`,
          });
          if (spec.access.kind === "staff") requirePermission(actor, spec.access.permission);
        } catch (error) {
          const status = toAppError(error).status;
          expect([401, 403], `${id} as ${p.name}`).toContain(status);
          got = "refused";
        }
        expect(got, `${id} as ${p.name}`).toBe(expected(spec.access, p));
      }
    });
  }
});
