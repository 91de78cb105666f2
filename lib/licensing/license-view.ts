// How a license leaves the domain: the view pages and APIs get, and the snapshot the audit trail
// keeps as before/after. Neither ever carries the key, its hash or its ciphertext.
import type { ExpiryBehavior, LicenseStatus, Prisma } from "@/lib/generated/prisma/client";

export const licenseInclude = {
  customer: { select: { id: true, slug: true, name: true } },
  entitlements: {
    include: { product: { select: { id: true, slug: true, name: true } } },
    orderBy: { createdAt: "asc" },
  },
  _count: { select: { machines: true } },
} satisfies Prisma.LicenseInclude;

export type LicenseRow = Prisma.LicenseGetPayload<{ include: typeof licenseInclude }>;

export type EffectiveStatus = "active" | "maintenance" | "expired" | "suspended" | "revoked";

export function effectiveStatus(
  license: { status: LicenseStatus; expiresAt: Date; expiryBehavior: ExpiryBehavior },
  now: Date = new Date(),
): EffectiveStatus {
  if (license.status === "REVOKED") return "revoked";
  if (license.status === "SUSPENDED") return "suspended";
  if (now.getTime() < license.expiresAt.getTime()) return "active";
  return license.expiryBehavior === "MAINTENANCE" ? "maintenance" : "expired";
}

export interface EntitlementView {
  productId: string;
  productSlug: string;
  productName: string;
  channels: string[];
  platforms: string[];
}

export interface LicenseView {
  id: string;
  customer: { id: string; slug: string; name: string };
  status: LicenseStatus;
  effectiveStatus: EffectiveStatus;
  expiresAt: Date;
  expiryBehavior: ExpiryBehavior;
  maxMachines: number | null;
  machineCount: number;
  notes: string;
  keyHint: string;
  suspendedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  entitlements: EntitlementView[];
}

export function toLicenseView(row: LicenseRow, now: Date = new Date()): LicenseView {
  return {
    id: row.id,
    customer: row.customer,
    status: row.status,
    effectiveStatus: effectiveStatus(row, now),
    expiresAt: row.expiresAt,
    expiryBehavior: row.expiryBehavior,
    maxMachines: row.maxMachines,
    machineCount: row._count.machines,
    notes: row.notes,
    keyHint: row.keyHint,
    suspendedAt: row.suspendedAt,
    revokedAt: row.revokedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    entitlements: row.entitlements.map((e) => ({
      productId: e.productId,
      productSlug: e.product.slug,
      productName: e.product.name,
      channels: e.channels,
      platforms: e.platforms,
    })),
  };
}

// The audit before/after: what an auditor needs to see what changed.
export function licenseSnapshot(row: LicenseRow) {
  return {
    id: row.id,
    customerId: row.customerId,
    status: row.status,
    expiresAt: row.expiresAt.toISOString(),
    expiryBehavior: row.expiryBehavior,
    maxMachines: row.maxMachines,
    notes: row.notes,
    keyHint: row.keyHint,
    suspendedAt: row.suspendedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    entitlements: row.entitlements.map((e) => ({
      productId: e.productId,
      productSlug: e.product.slug,
      channels: e.channels,
      platforms: e.platforms,
    })),
  };
}
