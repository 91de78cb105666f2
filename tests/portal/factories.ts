// Unique data per test for the customer portal: customers with licenses on a product with real
// (stored, signed) releases, and customer users with live sessions, as actors and as cookies.
import type { CustomerActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { createSession } from "../identity/factories";
import { hex, makeLicense, makeProduct, release, type LicenseOptions } from "../updates/factories";

export interface PortalUser extends CustomerActor {
  cookie: string;
  token: string;
}

export async function portalUser(
  customerId: string,
  role: "ADMIN" | "MEMBER" = "ADMIN",
): Promise<PortalUser> {
  const user = await db().user.create({
    data: { email: `portal-${hex()}@customer.test`, kind: "CUSTOMER" },
  });
  await db().customerMembership.create({ data: { userId: user.id, customerId, role } });
  const { token, session } = await createSession(user.id);
  return {
    type: "USER",
    kind: "CUSTOMER",
    userId: user.id,
    email: user.email,
    sessionId: session.id,
    customerId,
    membershipRole: role,
    roles: [`customer_${role.toLowerCase()}`],
    permissions: new Set(),
    cookie: `tollgate.session=${token}`,
    token,
  };
}

// Two customers on one product (stable 1.0.0, 1.1.0, 2.0.0 for linux/x64; 2.0.0 also for
// linux/arm64; a beta), and a second product only the other customer holds.
export async function portalWorld(mine: Omit<LicenseOptions, "productId"> = {}) {
  const product = await makeProduct();
  const v100 = await release(product.slug, "1.0.0");
  const v110 = await release(product.slug, "1.1.0");
  const v200 = await release(product.slug, "2.0.0", {
    targets: [
      ["linux", "x64"],
      ["linux", "arm64"],
    ],
  });
  const beta = await release(product.slug, "2.1.0-beta.1", { channel: "beta" });
  const other = await makeProduct();
  const otherRelease = await release(other.slug, "9.0.0");
  const a = await makeLicense({ productId: product.id, ...mine });
  const b = await makeLicense({ productId: other.id });
  return {
    product,
    releases: { v100, v110, v200, beta },
    other: { product: other, release: otherRelease },
    mine: { customer: a.customer, license: a.license, admin: await portalUser(a.customer.id) },
    theirs: { customer: b.customer, license: b.license, admin: await portalUser(b.customer.id) },
  };
}

export async function artifactOf(releaseId: string, platform = "linux", arch = "x64") {
  return db().artifact.findFirstOrThrow({ where: { releaseId, platform, arch } });
}

// The error code an operation refuses with ("ok" when it succeeds), to compare refusals.
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
}
