// The Actor an authenticated API client acts as: a build pipeline is a SERVICE, an update agent
// an AGENT; its permissions are the scopes it holds at this moment.
import type { ClientActor } from "@/lib/authz/actor";
import type { Permission } from "@/lib/authz/permissions";
import type { ApiClientKindName } from "./client-scopes";

export function clientActor(
  client: {
    id: string;
    clientId: string;
    kind: ApiClientKindName;
    customerId: string | null;
    licenseId: string | null;
  },
  permissions: Iterable<Permission>,
): ClientActor {
  return {
    type: client.kind === "PIPELINE" ? "SERVICE" : "AGENT",
    apiClientId: client.id,
    clientId: client.clientId,
    customerId: client.customerId,
    licenseId: client.licenseId,
    roles: [`client:${client.kind.toLowerCase()}`],
    permissions: new Set(permissions),
  };
}
