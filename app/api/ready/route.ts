import { checkReadiness } from "@/lib/health/check-readiness";
import { AppError, defineRoute, json } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  name: "health.readiness",
  access: { kind: "public", reason: "readiness probe for load balancers" },
  handler: async () => {
    const readiness = await checkReadiness();
    if (readiness.ready) return json({ status: "ready", checks: readiness.checks });
    const down = Object.entries(readiness.checks)
      .filter(([, state]) => state === "down")
      .map(([name]) => name);
    throw new AppError("unavailable", `Not ready: ${down.join(", ")} not answering.`, {
      checks: readiness.checks,
      down,
    });
  },
});
