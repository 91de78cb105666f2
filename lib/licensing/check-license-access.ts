// The entitlement rules applied to what the database says now: the update API calls this on
// every request, which is how a suspension or revocation reaches agents at their next request.
import type { Db, Tx } from "@/lib/db/client";
import type { ExpiryBehavior, LicenseStatus } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors/app-error";
import { evaluateLicenseAccess, type LicenseAccess } from "./evaluate-license-access";

export interface LicenseAccessQuery {
  licenseId: string;
  // Agents name products by slug; staff tools by id.
  product: { id: string } | { slug: string };
  channel: string;
  platform: string | null;
  arch: string | null;
  now?: Date;
}

export interface LicenseAccessFacts {
  id: string;
  customerId: string;
  status: LicenseStatus;
  expiresAt: Date;
  expiryBehavior: ExpiryBehavior;
  maxMachines: number | null;
}

export async function checkLicenseAccess(
  client: Db | Tx,
  query: LicenseAccessQuery,
): Promise<{ access: LicenseAccess; license: LicenseAccessFacts }> {
  const license = await client.license.findUnique({
    where: { id: query.licenseId },
    select: {
      id: true,
      customerId: true,
      status: true,
      expiresAt: true,
      expiryBehavior: true,
      maxMachines: true,
      entitlements: {
        where: { product: query.product },
        select: { channels: true, platforms: true },
      },
    },
  });
  if (!license) throw new AppError("not_found", "No such license.");
  const { entitlements, ...facts } = license;
  const access = evaluateLicenseAccess({
    license: facts,
    entitlement: entitlements[0] ?? null,
    channel: query.channel,
    platform: query.platform,
    arch: query.arch,
    now: query.now ?? new Date(),
  });
  return { access, license: facts };
}
