// The demo API clients with their fixed, dev-only credentials.
import type { Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { createApiClient } from "@/lib/oauth/create-api-client";

export async function seedClients(actor: Actor, globexLicenseId: string): Promise<void> {
  if (!(await db().apiClient.findUnique({ where: { clientId: "demo-agent" } }))) {
    await createApiClient({
      actor,
      input: {
        kind: "AGENT",
        name: "Globex update agent (demo)",
        licenseId: globexLicenseId,
        scopes: ["update:check", "update:download"],
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
