// The customer's machines (tenant in the where clause): what each reported running at its last
// check-in, when that was, which credential it used, and whether it is behind the newest release
// the customer is entitled to for that product, channel and platform.
import semver from "semver";
import type { CustomerActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { machineState, type MachineState, type ReportedEvent } from "@/lib/rollouts/machine-state";
import type { DownloadTrack } from "./list-portal-downloads";

// A machine that has not checked in for this long is "not seen".
const STALE_DAYS = 7;

export interface ReportedProduct {
  product: string;
  version: string;
  channel: string;
  platform: string | null;
  arch: string | null;
  // The newest entitled version for this product, channel and platform, when newer.
  behind: string | null;
  // Up to date, behind, failed, rolled back or not seen (lib/rollouts/machine-state.ts), with
  // the newer version a failure or rollback was about and its error code.
  state: MachineState;
  problem: { version: string; errorCode: string | null } | null;
}

export interface PortalMachine {
  id: string;
  machineId: string;
  hostname: string | null;
  licenseId: string;
  licenseKeyHint: string;
  agentName: string | null;
  lastIp: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  reported: ReportedProduct[];
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 && value.length <= 100 ? value : null;
}

function newestFor(
  tracks: readonly DownloadTrack[],
  p: Omit<ReportedProduct, "behind" | "state" | "problem">,
) {
  const track = tracks.find((t) => t.productSlug === p.product && t.channel === p.channel);
  const latest = track?.latest.find(
    (l) =>
      (p.platform === null || l.platform === p.platform) && (p.arch === null || l.arch === p.arch),
  );
  if (!latest || !semver.valid(latest.version) || !semver.valid(p.version)) return null;
  return semver.gt(latest.version, p.version) ? latest.version : null;
}

export async function listCustomerMachines(
  actor: CustomerActor,
  tracks: readonly DownloadTrack[],
  filter: { apiClientId?: string } = {},
): Promise<PortalMachine[]> {
  const rows = await db().machine.findMany({
    where: { license: { customerId: actor.customerId }, ...filter },
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
    take: 500,
    select: {
      id: true,
      machineId: true,
      hostname: true,
      lastIp: true,
      firstSeenAt: true,
      lastSeenAt: true,
      versions: true,
      licenseId: true,
      license: { select: { keyHint: true } },
      apiClient: { select: { name: true } },
    },
  });
  const events = await db().installEvent.findMany({
    where: {
      machineId: { in: rows.map((m) => m.id) },
      kind: { in: ["FAILED", "ROLLED_BACK"] },
    },
    orderBy: { receivedAt: "desc" },
    select: {
      machineId: true,
      kind: true,
      version: true,
      errorCode: true,
      release: { select: { product: { select: { slug: true } } } },
    },
  });
  const now = new Date();
  const eventsFor = (machineId: string, product: string): ReportedEvent[] =>
    events
      .filter((e) => e.machineId === machineId && e.release.product.slug === product)
      .map((e) => ({
        kind: e.kind as ReportedEvent["kind"],
        version: e.version,
        errorCode: e.errorCode,
      }));
  return rows.map((m) => ({
    id: m.id,
    machineId: m.machineId,
    hostname: m.hostname,
    licenseId: m.licenseId,
    licenseKeyHint: m.license.keyHint,
    agentName: m.apiClient?.name ?? null,
    lastIp: m.lastIp,
    firstSeenAt: m.firstSeenAt,
    lastSeenAt: m.lastSeenAt,
    reported: (Array.isArray(m.versions) ? m.versions : []).flatMap((raw) => {
      if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return [];
      const entry = raw as Record<string, unknown>;
      const product = text(entry.product);
      const version = text(entry.version);
      if (!product || !version) return [];
      const p = {
        product,
        version,
        channel: text(entry.channel) ?? "stable",
        platform: text(entry.platform),
        arch: text(entry.arch),
      };
      const behind = newestFor(tracks, p);
      const own = eventsFor(m.id, product);
      const state = machineState({
        installed: version,
        target: behind ?? version,
        lastSeenAt: m.lastSeenAt,
        events: own,
        now,
        staleDays: STALE_DAYS,
      });
      const problem =
        state === "failed" || state === "rolled_back"
          ? (own.find((e) => e.kind === (state === "failed" ? "FAILED" : "ROLLED_BACK")) ?? null)
          : null;
      return [
        {
          ...p,
          behind,
          state,
          problem: problem ? { version: problem.version, errorCode: problem.errorCode } : null,
        },
      ];
    }),
  }));
}
