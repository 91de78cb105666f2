// An agent's check-in registers or refreshes its machine against the license's machine limit.
// A machine already known always passes (lowering the limit never locks out running machines);
// a new one is admitted only while the license has fewer machines than its limit. The license
// row is locked first, so two new machines checking in at once cannot both take the last seat.
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
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "License" WHERE "id" = ${input.licenseId} FOR UPDATE`;
  if (locked.length === 0) throw new Error(`recordMachineCheckIn: no license ${input.licenseId}`);

  const seen = {
    apiClientId: input.apiClientId,
    hostname: input.hostname,
    lastIp: input.ip,
    versions: input.versions.map((v) => ({ ...v })),
    lastSeenAt: input.now,
  };
  const known = await tx.machine.findUnique({
    where: { licenseId_machineId: { licenseId: input.licenseId, machineId: input.machineId } },
    select: { id: true },
  });
  if (known) {
    await tx.machine.update({ where: { id: known.id }, data: seen });
    return { ok: true, machineId: known.id, created: false };
  }
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
