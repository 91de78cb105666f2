// Unique data per test so files run in parallel on one database.
import { randomBytes } from "node:crypto";
import type { StaffActor } from "@/lib/authz/actor";
import { ALL_PERMISSIONS, type Permission } from "@/lib/authz/permissions";
import { db } from "@/lib/db/client";
import { createCustomer } from "@/lib/licensing/create-customer";
import { createLicense } from "@/lib/licensing/create-license";
import type { CreateLicenseInput } from "@/lib/licensing/create-license.schema";

export const uniq = (prefix = "t") => `${prefix}-${randomBytes(5).toString("hex")}`;

export function staff(permissions: readonly Permission[] = ALL_PERMISSIONS): StaffActor {
  const id = randomBytes(6).toString("hex");
  return {
    type: "USER",
    kind: "STAFF",
    userId: `usr_test${id}`,
    email: `staff-${id}@vendor.test`,
    sessionId: null,
    roles: ["test"],
    permissions: new Set(permissions),
    stepUpAt: null,
  };
}

export const admin = () => staff();

// Products and channels belong to the releases domain; tests create them directly.
export async function makeProduct(channels: readonly string[] = ["stable", "beta"]) {
  const slug = uniq("prod");
  return db().product.create({
    data: {
      slug,
      name: `Product ${slug}`,
      channels: { create: channels.map((name) => ({ name })) },
    },
    include: { channels: true },
  });
}

export async function makeCustomer(overrides: { name?: string; slug?: string } = {}) {
  const slug = overrides.slug ?? uniq("cust");
  return createCustomer({
    actor: admin(),
    input: {
      slug,
      name: overrides.name ?? `Customer ${slug}`,
      contactName: "Pat Example",
      contactEmail: `${slug}@example.test`,
      contactPhone: "+1 555 0100",
    },
  });
}

export async function makeLicense(overrides: Partial<CreateLicenseInput> = {}) {
  const product = await makeProduct();
  const customerId = overrides.customerId ?? (await makeCustomer()).id;
  const created = await createLicense({
    actor: admin(),
    input: {
      customerId,
      entitlements: [{ productId: product.id, channels: ["stable"], platforms: ["linux/x64"] }],
      expiresAt: new Date(Date.now() + 365 * 86_400_000),
      ...overrides,
    },
  });
  return { ...created, product, customerId };
}

export async function auditFor(targetId: string) {
  return db().auditEvent.findMany({ where: { targetId }, orderBy: { seq: "asc" } });
}

// Runs fn and returns what it threw (or fails the test if it did not throw).
export async function thrown(
  fn: () => Promise<unknown>,
): Promise<{ code?: string; status?: number; extra?: Record<string, unknown>; message: string }> {
  try {
    await fn();
  } catch (error) {
    return error as {
      code?: string;
      status?: number;
      extra?: Record<string, unknown>;
      message: string;
    };
  }
  throw new Error("expected the call to throw");
}
