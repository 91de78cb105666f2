import { defineRoute, json } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  name: "health.liveness",
  access: { kind: "public", reason: "liveness probe for load balancers" },
  handler: async () => json({ status: "ok" }),
});
