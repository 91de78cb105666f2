// Every HTTP route declares who may call it; a route added without a declaration fails here.
import { describe, expect, it } from "vitest";
import { defineRoute, json } from "@/lib/http/route";
import { checkRouteModule, loadRouteRegistry, routeFiles, urlPathOf } from "./route-registry";

describe("route registry", () => {
  it("flags a handler that is not a defineRoute and declares nothing", () => {
    const bare = async () => new Response("hi");
    const { problems } = checkRouteModule("app/api/bare/route.ts", { GET: bare, POST: bare });
    expect(problems.map((p) => `${p.method} ${p.problem}`)).toEqual([
      "GET is not a defineRoute handler and declares no access",
      "POST is not a defineRoute handler and declares no access",
    ]);
  });

  it("flags declarations that name no real permission or give no reason", () => {
    const bad = (access: unknown) =>
      Object.assign(async () => new Response(), { spec: { name: "x", access } });
    const { problems } = checkRouteModule("f", {
      GET: bad({ kind: "staff", permission: "roles:everything" }),
      POST: bad({ kind: "public", reason: " " }),
      PUT: bad({ kind: "client", scope: "nope" }),
      DELETE: bad({ kind: "root" }),
    });
    expect(problems.map((p) => `${p.method} ${p.problem}`)).toEqual([
      "GET names an unknown staff permission roles:everything",
      "POST is public without a reason",
      "PUT names an unknown client scope nope",
      "DELETE has an unknown access kind root",
    ]);
  });

  it("accepts defineRoute handlers and a module-level declaration", () => {
    const route = defineRoute({
      name: "t.get",
      access: { kind: "staff", permission: "roles:read" },
      handler: async () => json({}),
    });
    const viaSpec = checkRouteModule("f", { GET: route }, "/api/t");
    expect(viaSpec).toEqual({
      problems: [],
      entries: [
        {
          file: "f",
          path: "/api/t",
          method: "GET",
          name: "t.get",
          access: { kind: "staff", permission: "roles:read" },
        },
      ],
    });
    const viaModule = checkRouteModule("g", {
      POST: async () => new Response(),
      authRouteAccess: { kind: "public", reason: "sign-in" },
    });
    expect(viaModule.problems).toEqual([]);
  });

  it("maps files to URL paths", () => {
    expect(urlPathOf("/x/app/api/releases/[id]/yank/route.ts", "/x/app")).toBe(
      "/api/releases/[id]/yank",
    );
    expect(urlPathOf("/x/app/(admin)/api/ping/route.ts", "/x/app")).toBe("/api/ping");
  });

  it("every route handler in app/ declares its access", async () => {
    const { entries, problems } = await loadRouteRegistry();
    expect(problems).toEqual([]);
    // Each route file contributes at least one handler.
    expect(new Set(entries.map((e) => e.file)).size).toBe(routeFiles().length);
  }, 60_000);
});
