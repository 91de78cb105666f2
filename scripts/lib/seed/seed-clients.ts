// The demo API clients with their fixed, dev-only credentials.
import type { Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { createApiClient } from "@/lib/oauth/create-api-client";

export async function seedClients(actor: Actor, globexLicenseId: string): Promise<void> {
  const agent = await db().apiClient.findUnique({ where: { clientId: "demo-agent" } });
  // A demo database seeded before agents reported install outcomes gains that scope.
  if (agent && !agent.scopes.includes("update:report")) {
    await db().apiClient.update({
      where: { id: agent.id },
      data: { scopes: [...agent.scopes, "update:report"] },
    });
  }
  if (!agent) {
    await createApiClient({
      actor,
      input: {
        kind: "AGENT",
        name: "Globex update agent (demo)",
        licenseId: globexLicenseId,
        scopes: ["update:check", "update:download", "update:report"],
        clientId: "demo-agent",
        secret: "demo-agent-secret",
      },
    });
  }
  if (!(await db().apiClient.findUnique({ where: { clientId: "demo-pipeline" } }))) {
    await createApiClient({
      actor,
      input: {
        kind: "PIPELINE",
        name: "Build pipeline (demo)",
        scopes: [
          "releases:read",
          "releases:write",
          "releases:publish",
          "releases:yank",
          "artifacts:write",
          "products:read",
        ],
        clientId: "demo-pipeline",
        secret: "demo-pipeline-secret",
      },
    });
  }
}
