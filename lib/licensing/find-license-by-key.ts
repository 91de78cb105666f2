// Finds a license from a key someone presents (an agent registering, a customer typing it in).
// Possession of the key is the scope here, so there is no tenant in the query; the lookup goes
// through the HMAC, never the key itself.
import type { Db, Tx } from "@/lib/db/client";
import type { ExpiryBehavior, LicenseStatus } from "@/lib/generated/prisma/client";
import { licenseKeyHash, normalizeLicenseKey } from "./license-key";

export async function findLicenseByKey(
  client: Db | Tx,
  presentedKey: string,
): Promise<{
  id: string;
  customerId: string;
  status: LicenseStatus;
  expiresAt: Date;
  expiryBehavior: ExpiryBehavior;
  maxMachines: number | null;
} | null> {
  const key = normalizeLicenseKey(presentedKey);
  if (!key) return null;
  return client.license.findUnique({
    where: { keyHash: licenseKeyHash(key) },
    select: {
      id: true,
      customerId: true,
      status: true,
      expiresAt: true,
      expiryBehavior: true,
      maxMachines: true,
    },
  });
}
