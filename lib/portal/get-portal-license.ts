// One of the customer's licenses (tenant in the where clause; another customer's id or a guessed
// one is the same 404), with its agents and machine count.
import type { CustomerActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { toPortalLicense, type PortalLicense } from "./load-customer-overview";
import { loadCustomerLicenses } from "./load-customer-licenses";

export interface PortalLicenseDetail extends PortalLicense {
  machineCount: number;
  agents: { id: string; name: string; status: "ACTIVE" | "REVOKED"; lastUsedAt: Date | null }[];
}

export async function getPortalLicense(
  actor: CustomerActor,
  licenseId: string,
  now: Date = new Date(),
): Promise<PortalLicenseDetail> {
  const license = (await loadCustomerLicenses(actor)).find((l) => l.id === licenseId);
  if (!license) throw new AppError("not_found", "No such license.");
  const [machineCount, agents] = await Promise.all([
    db().machine.count({
      where: { licenseId: license.id, license: { customerId: actor.customerId } },
    }),
    db().apiClient.findMany({
      where: { licenseId: license.id, customerId: actor.customerId, kind: "AGENT" },
      orderBy: { createdAt: "desc" },
      select: { id: true, name: true, status: true, lastUsedAt: true },
    }),
  ]);
  return { ...toPortalLicense(license, now), machineCount, agents };
}
