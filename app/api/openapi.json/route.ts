// The OpenAPI 3.1 document of the HTTP API, generated from the routes' zod schemas.
import { defineRoute, json } from "@/lib/http/route";
import { apiDocument } from "@/lib/openapi/api-document";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  name: "openapi.document",
  access: { kind: "public", reason: "publishes the API contract" },
  rateLimit: ["ip"],
  handler: async () => json(apiDocument(), 200, { "cache-control": "public, max-age=300" }),
});
