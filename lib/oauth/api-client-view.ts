// What callers see of an API client: never a secret hash, only each secret's hint and lifetime.
import { knownPermissions } from "@/lib/authz/permission-sets";
import type { Permission } from "@/lib/authz/permissions";
import { clientEffectiveScopes, type ApiClientKindName } from "./client-scopes";

export interface ApiClientSecretView {
  id: string;
  hint: string;
  createdAt: Date;
  // Set on the old secrets by a rotation: they keep working until then.
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  live: boolean;
}

export interface ApiClientView {
  id: string;
  clientId: string;
  name: string;
  kind: ApiClientKindName;
  status: "ACTIVE" | "REVOKED";
  scopes: Permission[];
  // The scopes bounded by the boundary: what a token can actually carry.
  effectiveScopes: Permission[];
  customerId: string | null;
  licenseId: string | null;
  boundaryId: string | null;
  createdById: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  secrets: ApiClientSecretView[];
}

export const apiClientViewInclude = {
  boundary: { select: { permissions: true } },
  secrets: {
    select: {
      id: true,
      hint: true,
      createdAt: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
    },
    orderBy: { createdAt: "desc" },
  },
} as const;

interface ApiClientRow {
  id: string;
  clientId: string;
  name: string;
  kind: ApiClientKindName;
  status: "ACTIVE" | "REVOKED";
  scopes: string[];
  customerId: string | null;
  licenseId: string | null;
  boundaryId: string | null;
  createdById: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  boundary: { permissions: string[] } | null;
  secrets: Omit<ApiClientSecretView, "live">[];
}

export function isSecretLive(
  secret: { expiresAt: Date | null; revokedAt: Date | null },
  now: Date = new Date(),
): boolean {
  return secret.revokedAt === null && (secret.expiresAt === null || secret.expiresAt > now);
}

export function apiClientView(row: ApiClientRow, now: Date = new Date()): ApiClientView {
  return {
    id: row.id,
    clientId: row.clientId,
    name: row.name,
    kind: row.kind,
    status: row.status,
    scopes: knownPermissions(row.scopes, `api client ${row.id}`),
    effectiveScopes: [...clientEffectiveScopes(row)],
    customerId: row.customerId,
    licenseId: row.licenseId,
    boundaryId: row.boundaryId,
    createdById: row.createdById,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
    createdAt: row.createdAt,
    secrets: row.secrets.map((s) => ({
      ...s,
      live: row.status === "ACTIVE" && isSecretLive(s, now),
    })),
  };
}
