// A machine's state for one product, for the fleet views (staff and customer portal), from what
// it last reported running and what it reported about newer releases:
// - not_seen: no check-in for staleDays;
// - rolled_back: it went back from a newer release (its own health check, or an approved rollback);
// - failed: an update to a newer release failed and it still runs the older one;
// - up_to_date: it runs the newest generally available release of its channel (or newer);
// - behind: anything else.
import semver from "semver";

export const MACHINE_STATES = [
  "up_to_date",
  "behind",
  "failed",
  "rolled_back",
  "not_seen",
] as const;
export type MachineState = (typeof MACHINE_STATES)[number];

export const MACHINE_STATE_LABELS: Record<MachineState, string> = {
  up_to_date: "Up to date",
  behind: "Behind",
  failed: "Failed",
  rolled_back: "Rolled back",
  not_seen: "Not seen",
};

export interface ReportedEvent {
  kind: "FAILED" | "ROLLED_BACK";
  version: string;
  errorCode: string | null;
}

export function machineState(input: {
  installed: string | null;
  target: string | null;
  lastSeenAt: Date;
  events: readonly ReportedEvent[];
  now: Date;
  staleDays: number;
}): MachineState {
  const { installed, target, events } = input;
  if (input.now.getTime() - input.lastSeenAt.getTime() > input.staleDays * 86_400_000)
    return "not_seen";
  const above = (e: ReportedEvent) =>
    installed !== null &&
    semver.valid(installed) !== null &&
    semver.valid(e.version) !== null &&
    semver.gt(e.version, installed);
  if (events.some((e) => e.kind === "ROLLED_BACK" && above(e))) return "rolled_back";
  if (events.some((e) => e.kind === "FAILED" && above(e))) return "failed";
  if (!installed || !target || !semver.valid(installed)) return target ? "behind" : "up_to_date";
  return semver.gte(installed, target) ? "up_to_date" : "behind";
}

// What a machine said it runs for a product (Machine.versions, written at check-in).
export function reportedVersion(
  versions: unknown,
  product: string,
): { version: string; channel: string } | null {
  if (!Array.isArray(versions)) return null;
  for (const raw of versions) {
    if (typeof raw !== "object" || raw === null) continue;
    const entry = raw as Record<string, unknown>;
    if (entry.product === product && typeof entry.version === "string")
      return {
        version: entry.version,
        channel: typeof entry.channel === "string" ? entry.channel : "stable",
      };
  }
  return null;
}
