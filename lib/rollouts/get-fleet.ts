// The fleet of one product, for the staff portal: every machine of a license entitled to it,
// by version, by state (machine-state.ts) and by customer; each rollout's progress per phase
// (reports, installs, failures, the most frequent error codes); and time to install per release
// (the agent's measured duration, and the time from publishing to installing).
import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { RollbackScope, RolloutStatus } from "@/lib/generated/prisma/client";
import { byVersionDescending } from "@/lib/releases/compare-versions";
import {
  machineState,
  reportedVersion,
  type MachineState,
  type ReportedEvent,
} from "./machine-state";
import { phaseCounts } from "./phase-counts";
import { storedPhases, type RolloutPhase } from "./rollout.schema";

// Bounded for one page; the counts say when the fleet is larger.
const MAX_MACHINES = 5000;

export interface FleetMachine {
  id: string;
  machineId: string;
  hostname: string | null;
  customer: { id: string; name: string };
  version: string | null;
  state: MachineState;
  lastSeenAt: Date;
  lastError: string | null;
}

export interface PhaseProgress {
  index: number;
  percentage: number;
  groups: string[];
  errorThreshold: number;
  successThreshold: number;
  requiresApproval: boolean;
  status: "done" | "current" | "upcoming";
  reported: number;
  installed: number;
  failed: number;
  topErrors: { code: string; machines: number }[];
}

export interface RolloutProgress {
  id: string;
  releaseId: string;
  version: string;
  status: RolloutStatus;
  currentPhase: number;
  haltReason: string | null;
  pendingApprovalId: string | null;
  phases: PhaseProgress[];
}

export interface ReleaseSummary {
  id: string;
  version: string;
  channel: string;
  status: string;
  publishedAt: Date | null;
  rolloutStatus: RolloutStatus | null;
  machines: number;
  medianInstallMs: number | null;
  medianPublishToInstallMs: number | null;
}

export interface DirectiveView {
  id: string;
  from: string;
  to: string;
  scope: RollbackScope;
  customer: string | null;
  phase: number | null;
  reason: string;
  expiresAt: Date;
  status: string;
}

export interface Fleet {
  product: { id: string; slug: string; name: string };
  staleDays: number;
  total: number;
  truncated: boolean;
  machines: FleetMachine[];
  byVersion: { version: string; machines: number }[];
  byState: Record<MachineState, number>;
  byCustomer: { id: string; name: string; states: Record<MachineState, number> }[];
  releases: ReleaseSummary[];
  rollouts: RolloutProgress[];
  directives: DirectiveView[];
  customers: { id: string; name: string }[];
}

const zeroStates = (): Record<MachineState, number> => ({
  up_to_date: 0,
  behind: 0,
  failed: 0,
  rolled_back: 0,
  not_seen: 0,
});

async function rolloutProgress(
  rollout: {
    id: string;
    releaseId: string;
    status: RolloutStatus;
    currentPhase: number;
    haltReason: string | null;
    pendingApprovalId: string | null;
    phases: unknown;
  },
  version: string,
): Promise<RolloutProgress> {
  const counts = await phaseCounts(db(), rollout.id);
  const errors = await db().$queryRaw<{ phase: number; code: string; machines: number }[]>`
    SELECT "phase", "errorCode" AS "code", count(DISTINCT "machineId")::int AS "machines"
      FROM "InstallEvent"
     WHERE "rolloutId" = ${rollout.id} AND "kind" = 'FAILED' AND "errorCode" IS NOT NULL
     GROUP BY "phase", "errorCode" ORDER BY "machines" DESC, "code"`;
  const phases = storedPhases(rollout.phases);
  return {
    ...rollout,
    version,
    phases: phases.map((p: RolloutPhase, index) => {
      const c = counts.get(index) ?? { reported: 0, failed: 0, installed: 0 };
      return {
        index,
        percentage: p.percentage,
        groups: p.groups,
        errorThreshold: p.errorThreshold,
        successThreshold: p.successThreshold,
        requiresApproval: p.requiresApproval,
        status:
          rollout.status === "COMPLETED" || index < rollout.currentPhase
            ? "done"
            : index === rollout.currentPhase
              ? "current"
              : "upcoming",
        reported: c.reported,
        installed: c.installed,
        failed: c.failed,
        topErrors: errors
          .filter((e) => e.phase === index)
          .slice(0, 3)
          .map(({ code, machines }) => ({ code, machines })),
      };
    }),
  };
}

export async function getFleet({
  actor,
  input,
}: {
  actor: Actor;
  input: { product: string; staleDays?: number };
}): Promise<Fleet> {
  authorize(actor, "releases:read");
  authorize(actor, "customers:read");
  const staleDays = Math.min(Math.max(Math.trunc(input.staleDays ?? 7), 1), 365);
  const product = await db().product.findUnique({
    where: { slug: input.product },
    select: { id: true, slug: true, name: true },
  });
  if (!product) throw new AppError("not_found", "No such product.");
  const now = new Date();
  const where = { license: { entitlements: { some: { productId: product.id } } } };
  const [total, rows, releases, events, timings, directives, customers] = await Promise.all([
    db().machine.count({ where }),
    db().machine.findMany({
      where,
      orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
      take: MAX_MACHINES,
      select: {
        id: true,
        machineId: true,
        hostname: true,
        versions: true,
        lastSeenAt: true,
        license: { select: { customer: { select: { id: true, name: true } } } },
      },
    }),
    db().release.findMany({
      where: { productId: product.id, status: { in: ["PUBLISHED", "YANKED"] } },
      include: { channel: { select: { name: true } }, rollout: true },
    }),
    db().installEvent.findMany({
      where: { productId: product.id, kind: { in: ["FAILED", "ROLLED_BACK"] } },
      select: { machineId: true, kind: true, version: true, errorCode: true },
    }),
    db().$queryRaw<{ releaseId: string; install: number | null; publish: number | null }[]>`
      SELECT e."releaseId",
             percentile_cont(0.5) WITHIN GROUP (ORDER BY e."durationMs") AS "install",
             percentile_cont(0.5) WITHIN GROUP (
               ORDER BY extract(epoch FROM e."occurredAt" - r."publishedAt") * 1000) AS "publish"
        FROM "InstallEvent" e JOIN "Release" r ON r."id" = e."releaseId"
       WHERE e."productId" = ${product.id} AND e."kind" = 'INSTALLED'
       GROUP BY e."releaseId"`,
    db().rollbackDirective.findMany({
      where: { productId: product.id },
      orderBy: { createdAt: "desc" },
      take: 20,
    }),
    db().customer.findMany({
      where: { licenses: { some: { entitlements: { some: { productId: product.id } } } } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  releases.sort(byVersionDescending);
  // The newest generally available release per channel: no rollout, or a completed one.
  const target = new Map<string, string>();
  for (const r of releases)
    if (r.status === "PUBLISHED" && (!r.rollout || r.rollout.status === "COMPLETED"))
      if (!target.has(r.channel.name)) target.set(r.channel.name, r.version);
  const eventsOf = new Map<string, ReportedEvent[]>();
  for (const e of events) {
    const list = eventsOf.get(e.machineId) ?? [];
    list.push({
      kind: e.kind as ReportedEvent["kind"],
      version: e.version,
      errorCode: e.errorCode,
    });
    eventsOf.set(e.machineId, list);
  }
  const machines: FleetMachine[] = rows.map((m) => {
    const reported = reportedVersion(m.versions, product.slug);
    const own = eventsOf.get(m.id) ?? [];
    return {
      id: m.id,
      machineId: m.machineId,
      hostname: m.hostname,
      customer: m.license.customer,
      version: reported?.version ?? null,
      lastSeenAt: m.lastSeenAt,
      lastError: own.find((e) => e.kind === "FAILED")?.errorCode ?? null,
      state: machineState({
        installed: reported?.version ?? null,
        target: target.get(reported?.channel ?? "stable") ?? null,
        lastSeenAt: m.lastSeenAt,
        events: own,
        now,
        staleDays,
      }),
    };
  });
  const versionCounts = new Map<string, number>();
  const byState = zeroStates();
  const perCustomer = new Map<
    string,
    { id: string; name: string; states: Record<MachineState, number> }
  >();
  for (const m of machines) {
    versionCounts.set(m.version ?? "unknown", (versionCounts.get(m.version ?? "unknown") ?? 0) + 1);
    byState[m.state] += 1;
    const c = perCustomer.get(m.customer.id) ?? { ...m.customer, states: zeroStates() };
    c.states[m.state] += 1;
    perCustomer.set(m.customer.id, c);
  }
  const timingOf = new Map(timings.map((t) => [t.releaseId, t]));
  const versionOf = new Map(releases.map((r) => [r.id, r.version]));
  const customerName = new Map(customers.map((c) => [c.id, c.name]));
  const rollouts = await Promise.all(
    releases.flatMap((r) => (r.rollout ? [rolloutProgress(r.rollout, r.version)] : [])),
  );
  return {
    product,
    staleDays,
    total,
    truncated: total > rows.length,
    machines,
    byVersion: [...versionCounts]
      .map(([version, count]) => ({ version, machines: count }))
      .sort((a, b) =>
        a.version === "unknown" ? 1 : b.version === "unknown" ? -1 : byVersionDescending(a, b),
      ),
    byState,
    byCustomer: [...perCustomer.values()].sort((a, b) => a.name.localeCompare(b.name)),
    releases: releases.map((r) => ({
      id: r.id,
      version: r.version,
      channel: r.channel.name,
      status: r.status,
      publishedAt: r.publishedAt,
      rolloutStatus: r.rollout?.status ?? null,
      machines: versionCounts.get(r.version) ?? 0,
      medianInstallMs: timingOf.get(r.id)?.install ?? null,
      medianPublishToInstallMs: timingOf.get(r.id)?.publish ?? null,
    })),
    rollouts,
    directives: directives.map((d) => ({
      id: d.id,
      from: versionOf.get(d.fromReleaseId) ?? d.fromReleaseId,
      to: versionOf.get(d.toReleaseId) ?? d.toReleaseId,
      scope: d.scope,
      customer: d.customerId ? (customerName.get(d.customerId) ?? d.customerId) : null,
      phase: d.phase === null ? null : d.phase + 1,
      reason: d.reason,
      expiresAt: d.expiresAt,
      status: d.status === "ACTIVE" && d.expiresAt <= now ? "EXPIRED" : d.status,
    })),
    customers,
  };
}
