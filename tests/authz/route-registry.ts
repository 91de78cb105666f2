// The registry of HTTP routes: every app/**/route.ts, each exported method handler and the access
// it declares. A handler made with defineRoute carries `.spec.access`; a module whose handlers are
// not defineRoute (next-auth's) declares its access in an export named `routeAccess` or ending in
// `RouteAccess`. Anything else is a route without a declared permission. The authorization
// matrix test builds on this list.
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Access } from "@/lib/http/access";
import { isPermission } from "@/lib/authz/permissions";

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export interface RouteEntry {
  file: string;
  path: string;
  method: (typeof HTTP_METHODS)[number];
  name: string | null;
  access: Access;
}

export interface RouteProblem {
  file: string;
  method: string;
  problem: string;
}

const APP_DIR = path.resolve(import.meta.dirname, "..", "..", "app");

export function routeFiles(appDir = APP_DIR): string[] {
  return readdirSync(appDir, { recursive: true, encoding: "utf8" })
    .filter((f) => path.basename(f) === "route.ts")
    .map((f) => path.join(appDir, f))
    .sort();
}

export function urlPathOf(file: string, appDir = APP_DIR): string {
  const dir = path.dirname(path.relative(appDir, file)).split(path.sep);
  // Route groups "(name)" do not appear in the URL.
  return `/${dir.filter((s) => s !== "." && !/^\(.*\)$/.test(s)).join("/")}`;
}

// Why an access declaration is not usable, or null when it is.
export function accessProblem(access: unknown): string | null {
  if (typeof access !== "object" || access === null || !("kind" in access))
    return "declares no access";
  const a = access as Record<string, unknown>;
  switch (a.kind) {
    case "public":
      return typeof a.reason === "string" && a.reason.trim() ? null : "is public without a reason";
    case "staff":
      return typeof a.permission === "string" && isPermission(a.permission)
        ? null
        : `names an unknown staff permission ${String(a.permission)}`;
    case "client":
      return typeof a.scope === "string" && isPermission(a.scope)
        ? null
        : `names an unknown client scope ${String(a.scope)}`;
    case "customer":
      return a.membership === undefined || a.membership === "ADMIN" || a.membership === "MEMBER"
        ? null
        : "names an unknown membership";
    case "signed-url":
      return null;
    default:
      return `has an unknown access kind ${String(a.kind)}`;
  }
}

export function checkRouteModule(
  file: string,
  mod: Record<string, unknown>,
  urlPath = file,
): { entries: RouteEntry[]; problems: RouteProblem[] } {
  const entries: RouteEntry[] = [];
  const problems: RouteProblem[] = [];
  const moduleAccess = Object.entries(mod).find(
    ([name]) => name === "routeAccess" || name.endsWith("RouteAccess"),
  )?.[1];
  for (const method of HTTP_METHODS) {
    const handler = mod[method];
    if (handler === undefined) continue;
    if (typeof handler !== "function") {
      problems.push({ file, method, problem: "exports a method that is not a function" });
      continue;
    }
    const spec = (handler as { spec?: { access?: unknown; name?: unknown } }).spec;
    const access = spec?.access ?? moduleAccess;
    const problem =
      access === undefined
        ? "is not a defineRoute handler and declares no access"
        : accessProblem(access);
    if (problem) problems.push({ file, method, problem });
    else
      entries.push({
        file,
        path: urlPath,
        method,
        name: typeof spec?.name === "string" ? spec.name : null,
        access: access as Access,
      });
  }
  return { entries, problems };
}

export async function loadRouteRegistry(
  appDir = APP_DIR,
): Promise<{ entries: RouteEntry[]; problems: RouteProblem[] }> {
  const entries: RouteEntry[] = [];
  const problems: RouteProblem[] = [];
  for (const file of routeFiles(appDir)) {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const checked = checkRouteModule(path.relative(appDir, file), mod, urlPathOf(file, appDir));
    entries.push(...checked.entries);
    problems.push(...checked.problems);
  }
  return { entries, problems };
}
