// The permission catalogue: every capability of the product as a `resource:action` string.
// Roles, boundaries and service-identity scopes are all sets of these. The UI reads the same
// catalogue to hide what a user cannot do, but only the server-side check gates anything.

export const PERMISSIONS = {
  "customers:read": "View customers, their contacts, users and machines",
  "customers:write": "Create and edit customers and their users",
  "licenses:read": "View licenses and their entitlements",
  "licenses:write": "Create, edit, renew and transfer licenses",
  "licenses:suspend": "Suspend and reinstate licenses",
  "licenses:revoke": "Revoke licenses",
  "licenses:reveal_key": "Display or rotate a license key",
  "products:read": "View products and channels",
  "products:write": "Create and edit products and channels",
  "releases:read": "View releases, release notes and download counts",
  "releases:write": "Create and edit draft releases",
  "releases:publish": "Publish releases so that entitled agents receive them",
  "releases:yank": "Yank published releases",
  "artifacts:read": "Download artifacts from the staff portal",
  "artifacts:write": "Upload and delete artifacts of draft releases",
  "api_clients:read": "View API clients (update agents and build pipelines)",
  "api_clients:write": "Create API clients, rotate and revoke their secrets",
  "users:read": "View staff users, their roles and effective permissions",
  "users:write": "Invite, suspend and reactivate staff users; reset their MFA",
  "roles:read": "View roles",
  "roles:write": "Create and edit roles",
  "roles:assign": "Assign roles to and remove roles from users",
  "boundaries:read": "View permission boundaries",
  "boundaries:write": "Create, edit and attach permission boundaries",
  "sessions:read": "View active staff sessions",
  "sessions:revoke": "Revoke other users' sessions",
  "audit:read": "View the audit trail",
  "audit:export": "Export the audit trail",
  "alerts:read": "View security alerts",
  "alerts:manage": "Acknowledge and resolve security alerts",
  "settings:read": "View system settings and signing keys",
  "settings:write": "Change system settings and rotate signing keys",
  "approvals:decide": "Approve or reject changes that need a second pair of eyes",
  "rollouts:manage":
    "Roll releases out in phases (advance, pause, resume, abort) and direct approved rollbacks",
  // Scopes for update agents (granted to agent API clients only).
  "update:check": "Ask which updates are available (update agents)",
  "update:download": "Download entitled artifacts (update agents)",
  "update:report": "Report download, verification and install outcomes (update agents)",
} as const;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

export function resourceOf(permission: Permission): string {
  return permission.slice(0, permission.indexOf(":"));
}
