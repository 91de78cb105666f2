// /api/docs: the readable API reference lives at /docs/api (a page, outside the JSON API).
import { defineRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  name: "openapi.docs_redirect",
  access: { kind: "public", reason: "redirects to the API reference page" },
  // A relative Location (RFC 9110 §10.2.2) stays right behind any proxy.
  handler: async () => new Response(null, { status: 308, headers: { location: "/docs/api" } }),
});
