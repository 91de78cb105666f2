// The published contract matches the code: every documented operation has a route with the
// same method and the same scope, and real answers parse with the documented schemas.
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RouteHandler } from "@/lib/http/route";
import { apiRegistry } from "@/lib/openapi/operations";
import { problemSchema } from "@/lib/openapi/common.schema";
import { referenceOperations } from "@/lib/openapi/reference-view";
import { releaseViewSchema } from "@/lib/openapi/views.schema";
import { createRelease } from "@/lib/releases/create-release";
import { GET as openApiRoute } from "@/app/api/openapi.json/route";
import { GET as docsRoute } from "@/app/api/docs/route";
import { callUpdate, checkBody, makeProduct, SYSTEM } from "./factories";

const noParams = { params: Promise.resolve({}) };
const ROOT = path.resolve(import.meta.dirname, "../..");

function routeFile(apiPath: string): string {
  return path.join(ROOT, "app", apiPath.replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
}

describe("OpenAPI document", () => {
  it("is served as OpenAPI 3.1 with the update API, the token endpoint, downloads, releases and probes", async () => {
    const res = await openApiRoute(new Request("http://localhost/api/openapi.json"), noParams);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/oauth/token",
        "/api/update",
        "/api/downloads/{id}",
        "/api/releases",
        "/api/releases/{id}/artifacts/{platform}/{arch}",
        "/api/releases/{id}/publish",
        "/api/releases/{id}/yank",
        "/api/health",
        "/api/ready",
      ]),
    );
    expect(doc.components.schemas).toHaveProperty("Problem");
    // Generated from the route's own zod schema: the strict semver rule and the bounds are there.
    const update = JSON.stringify(doc.paths["/api/update"]);
    expect(update).toContain('"maxItems":20');
    expect(update).toContain('"additionalProperties":false');
    expect(update).toContain("X-Tollgate-Signature");
  });

  it("declares only operations that exist, with the method and scope their route enforces", async () => {
    for (const op of apiRegistry().list()) {
      const file = routeFile(op.path);
      expect(existsSync(file), `${op.path} → ${file}`).toBe(true);
      const routeModule = (await import(file)) as Record<string, RouteHandler | undefined>;
      const handler = routeModule[op.method.toUpperCase()];
      expect(handler, `${op.method.toUpperCase()} ${op.path}`).toBeTypeOf("function");
      const oauth = op.security.find((s) => s.kind === "oauth2");
      if (oauth && handler?.spec.access.kind === "client")
        expect(handler.spec.access.scope).toBe(oauth.scope);
      if (op.security.every((s) => s.kind === "none"))
        expect(handler?.spec.access.kind).toBe("public");
    }
  });

  it("describes what the routes really answer", async () => {
    const product = await makeProduct();
    const view = await createRelease({
      actor: SYSTEM,
      input: { product: product.slug, version: "1.0.0", channel: "stable" },
    });
    expect(releaseViewSchema.strict().safeParse(JSON.parse(JSON.stringify(view))).success).toBe(
      true,
    );
    const { json } = await callUpdate(checkBody(product.slug, "not-a-version"), { token: null });
    expect(problemSchema.safeParse(json).success).toBe(true);
  });

  it("renders as a reference, and /api/docs leads there", async () => {
    const res = await openApiRoute(new Request("http://localhost/api/openapi.json"), noParams);
    const operations = referenceOperations((await res.json()) as Record<string, unknown>);
    const update = operations.find((o) => o.method === "POST" && o.path === "/api/update");
    expect(update?.auth).toEqual(["OAuth2 bearer token, scope update:check"]);
    expect(update?.requestBody[0]?.schema).toContain('"products"');
    expect(update?.responses.find((r) => r.status === "400")?.bodies[0]?.ref).toBe("Problem");
    const redirect = await docsRoute(new Request("http://localhost/api/docs"), noParams);
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get("location")).toBe("/docs/api");
  });
});
