// Deterministic phase assignment: a machine's bucket for a release is a keyed hash (HMAC-SHA256
// under a server secret) of the machine and the release, reduced to 0..9999. The same machine
// always lands in the same bucket for the same release, so its answer never flaps between
// checks; a different release reshuffles the fleet, so the same machines are not always first;
// and without the key nobody can pick machine ids that land early. A machine is offered a
// release in phase p when its bucket < p's percentage × 100.
import { createHmac, hkdfSync } from "node:crypto";
import { env } from "@/lib/env";

export const BUCKETS = 10_000;

let keyCache: { source: string; key: Buffer } | undefined;

// Derived from LICENSE_HMAC_KEY (fixed for a deployment: license lookups depend on it too).
function bucketKey(): Buffer {
  const source = env().LICENSE_HMAC_KEY;
  if (keyCache?.source !== source) {
    keyCache = {
      source,
      key: Buffer.from(hkdfSync("sha256", source, "", "tollgate rollout buckets v1", 32)),
    };
  }
  return keyCache.key;
}

// The machine is named by license and the agent's own id: agent ids are unique per license only.
export function machineKey(licenseId: string, machineId: string): string {
  return `${licenseId}/${machineId}`;
}

export function assignBucket(
  machine: string,
  releaseId: string,
  key: Buffer = bucketKey(),
): number {
  const digest = createHmac("sha256", key).update(`${machine}\n${releaseId}`).digest();
  // 2^48 values reduced modulo 10^4: the bias is below 10^-10.
  return Number(digest.readUIntBE(0, 6) % BUCKETS);
}
