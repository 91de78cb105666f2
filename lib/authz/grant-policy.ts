// What an actor may grant: the permissions a role or boundary editor offers them, and the scopes
// of an API client (see policy.ts).
import { AGENT_SCOPES } from "./built-in-roles";
import { ALL_PERMISSIONS, type Permission } from "./permissions";
import { decide, needs, within, type Decision, type PolicyActor } from "./policy-checks";

export interface GrantablePermission {
  permission: Permission;
  grantable: boolean;
  reason?: string;
}

// For the role and boundary editors: which permissions this actor could put into a role or
// boundary, and why not for the rest.
export function grantablePermissions(actor: PolicyActor): GrantablePermission[] {
  return ALL_PERMISSIONS.map((permission) => {
    if (AGENT_SCOPES.includes(permission)) {
      return {
        permission,
        grantable: false,
        reason: "Agent scopes are given only to update-agent API clients.",
      };
    }
    if (!actor.permissions.has(permission)) {
      return {
        permission,
        grantable: false,
        reason: "You do not hold this permission, so you cannot grant it.",
      };
    }
    return { permission, grantable: true };
  });
}

// For API clients (their scopes are permissions too): an update agent gets only agent scopes,
// which act on its own license; a pipeline gets only what its creator holds.
export function canSetClientScopes(
  actor: PolicyActor,
  input: { kind: "AGENT" | "PIPELINE"; scopes: readonly Permission[] },
): Decision {
  const agentOnly = input.scopes.filter((s) => AGENT_SCOPES.includes(s));
  const other = input.scopes.filter((s) => !AGENT_SCOPES.includes(s));
  return decide([
    needs(actor, "api_clients:write", "manage API clients"),
    () =>
      input.kind === "AGENT" && other.length
        ? `An update agent can only be given ${AGENT_SCOPES.slice(0, -1).join(", ")} and ${AGENT_SCOPES.at(-1) ?? ""}.`
        : null,
    () =>
      input.kind === "PIPELINE" && agentOnly.length
        ? `A build pipeline cannot be given agent scopes (${agentOnly.join(", ")}).`
        : null,
    input.kind === "PIPELINE"
      ? within(actor, other, (m) => `You cannot give a pipeline ${m}.`)
      : () => null,
  ]);
}
