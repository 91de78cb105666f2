// What administration operations return and what the audit trail records as before/after.
import type { Permission } from "./permissions";
import { knownPermissions } from "./permission-sets";

export const roleSelect = {
  id: true,
  key: true,
  name: true,
  description: true,
  builtIn: true,
  permissions: true,
  createdAt: true,
  updatedAt: true,
} as const;

export interface RoleView {
  id: string;
  key: string;
  name: string;
  description: string;
  builtIn: boolean;
  permissions: Permission[];
  createdAt: Date;
  updatedAt: Date;
}

export function toRoleView(
  row: Omit<RoleView, "permissions"> & { permissions: string[] },
): RoleView {
  return { ...row, permissions: knownPermissions(row.permissions, `role ${row.key}`) };
}

// The audited part of a role: what it is and what it grants.
export const roleAudit = (r: RoleView) => ({
  key: r.key,
  name: r.name,
  description: r.description,
  permissions: r.permissions,
});

export const boundarySelect = {
  id: true,
  name: true,
  description: true,
  permissions: true,
  createdAt: true,
  updatedAt: true,
} as const;

export interface BoundaryView {
  id: string;
  name: string;
  description: string;
  permissions: Permission[];
  createdAt: Date;
  updatedAt: Date;
}

export function toBoundaryView(
  row: Omit<BoundaryView, "permissions"> & { permissions: string[] },
): BoundaryView {
  return { ...row, permissions: knownPermissions(row.permissions, `boundary ${row.id}`) };
}

export const boundaryAudit = (b: BoundaryView | null) =>
  b ? { id: b.id, name: b.name, permissions: b.permissions } : null;
