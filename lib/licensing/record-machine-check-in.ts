// An agent's check-in registers or refreshes its machine against the license's machine limit.
// A machine already known always passes (lowering the limit never locks out running machines);
// a new one is admitted only while the license has fewer machines than its limit. For a new
// machine the license row is locked first, so two new machines checking in at once cannot both
// take the last seat.
import type { Tx } from "@/lib/db/client";

export interface ReportedVersion {
  product: string;
  version: string;
  channel?: string;
  platform?: string;
  arch?: string;
}

export interface MachineCheckIn {
  licenseId: string;
  apiClientId: string | null;
  // The agent's own identifier for the machine.
  machineId: string;
  hostname: string | null;
  ip: string | null;
  versions: readonly ReportedVersion[];
  // The license's limit as loaded for this request; null means unlimited.
  maxMachines: number | null;
  now: Date;
}

export type MachineCheckInResult =
  | { ok: true; machineId: string; created: boolean }
  | { ok: false; reason: "machine_limit_reached" };

export async function recordMachineCheckIn(
  tx: Tx,
  input: MachineCheckIn,
): Promise<MachineCheckInResult> {
  const seen = {
    apiClientId: input.apiClientId,
    hostname: input.hostname,
    lastIp: input.ip,
    versions: input.versions.map((v) => ({ ...v })),
    lastSeenAt: input.now,
  };
  // A machine already known is refreshed in one statement that takes no lock on the license: it
  // passes whatever the limit, so it races no one for a seat.
  const refresh = async () => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "Machine"
      SET "apiClientId" = ${seen.apiClientId}, "hostname" = ${seen.hostname},
          "lastIp" = ${seen.lastIp}, "versions" = ${JSON.stringify(seen.versions)}::jsonb,
          "lastSeenAt" = ${seen.lastSeenAt}
      WHERE "licenseId" = ${input.licenseId} AND "machineId" = ${input.machineId}
      RETURNING "id"`;
    return rows[0]?.id ?? null;
  };
  const known = await refresh();
  if (known) return { ok: true, machineId: known, created: false };
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "License" WHERE "id" = ${input.licenseId} FOR UPDATE`;
  if (locked.length === 0) throw new Error(`recordMachineCheckIn: no license ${input.licenseId}`);
  // Registered by a concurrent check of the same machine while this one waited for the lock.
  const registered = await refresh();
  if (registered) return { ok: true, machineId: registered, created: false };
  if (input.maxMachines !== null) {
    const count = await tx.machine.count({ where: { licenseId: input.licenseId } });
    if (count >= input.maxMachines) return { ok: false, reason: "machine_limit_reached" };
  }
  const created = await tx.machine.create({
    data: {
      licenseId: input.licenseId,
      machineId: input.machineId,
      firstSeenAt: input.now,
      ...seen,
    },
    select: { id: true },
  });
  return { ok: true, machineId: created.id, created: true };
}
