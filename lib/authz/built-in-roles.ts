// The roles Tollgate ships with. They are defined here, in code, and written to the database by
// `ensureBuiltInRoles` (the seed and every deploy's setup): the code is their source of truth, so
// the policy refuses to edit or delete them and an upgrade that changes one takes effect on the
// next run. Custom roles sit beside them in the same table.
import type { Tx } from "@/lib/db/client";
import { sortPermissions } from "./permission-sets";
import { ALL_PERMISSIONS, type Permission } from "./permissions";

export interface BuiltInRole {
  key: string;
  name: string;
  description: string;
  permissions: readonly Permission[];
}

// Agent scopes belong to update-agent API clients bound to a license, never to people.
export const AGENT_SCOPES: readonly Permission[] = [
  "update:check",
  "update:download",
  "update:report",
];

const readPermissions = ALL_PERMISSIONS.filter((p) => p.endsWith(":read"));

export const BUILT_IN_ROLES: readonly BuiltInRole[] = [
  {
    key: "security_admin",
    name: "Security administrator",
    description:
      "Everything staff can do: users, roles, boundaries, sessions, settings and all product data.",
    permissions: sortPermissions(ALL_PERMISSIONS.filter((p) => !AGENT_SCOPES.includes(p))),
  },
  {
    // No audit:read: release managers see release history on the releases themselves, and the
    // audit trail (which also records administration and sign-ins) is the auditor's.
    key: "release_manager",
    name: "Release manager",
    description:
      "Manages products, releases and artifacts, including publishing, yanking and rollouts.",
    permissions: sortPermissions([
      "products:read",
      "products:write",
      "releases:read",
      "releases:write",
      "releases:publish",
      "releases:yank",
      "rollouts:manage",
      "artifacts:read",
      "artifacts:write",
      "customers:read",
      "licenses:read",
      "api_clients:read",
    ]),
  },
  {
    // Machines are part of a customer (customers:read covers them); no writes at all.
    key: "support",
    name: "Support",
    description: "Read-only access to customers, their machines, licenses, products and releases.",
    permissions: sortPermissions([
      "customers:read",
      "licenses:read",
      "products:read",
      "releases:read",
    ]),
  },
  {
    key: "auditor",
    name: "Auditor",
    description:
      "Reads and exports the audit trail and alerts, and reviews who holds which access.",
    permissions: sortPermissions([
      "audit:read",
      "audit:export",
      "alerts:read",
      "users:read",
      "roles:read",
      "boundaries:read",
      "sessions:read",
    ]),
  },
  {
    key: "read_only",
    name: "Read-only",
    description: "Views everything except the audit trail; changes nothing.",
    permissions: sortPermissions(readPermissions.filter((p) => p !== "audit:read")),
  },
];

export const BUILT_IN_ROLE_KEYS: ReadonlySet<string> = new Set(BUILT_IN_ROLES.map((r) => r.key));

export function builtInRole(key: string): BuiltInRole | undefined {
  return BUILT_IN_ROLES.find((r) => r.key === key);
}

// Idempotent. A custom role that already uses a built-in key is never adopted: turning it into
// the built-in role would hand the built-in permissions to whoever holds the custom one.
export async function ensureBuiltInRoles(tx: Pick<Tx, "role">): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const role of BUILT_IN_ROLES) {
    const existing = await tx.role.findUnique({
      where: { key: role.key },
      select: { builtIn: true },
    });
    if (existing && !existing.builtIn) {
      throw new Error(
        `A custom role uses the built-in key "${role.key}"; rename it before seeding.`,
      );
    }
    const data = {
      name: role.name,
      description: role.description,
      permissions: [...role.permissions],
      builtIn: true,
    };
    const saved = await tx.role.upsert({
      where: { key: role.key },
      create: { key: role.key, ...data },
      update: data,
      select: { id: true },
    });
    ids[role.key] = saved.id;
  }
  return ids;
}
