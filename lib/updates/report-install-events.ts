// Install feedback: an agent reports what happened to each step of an update. Each event is
// matched to a published (or since yanked) release of a product the license is entitled to,
// stamped with the rollout phase that admitted the machine, and stored once per (machine,
// release, event) (the unique key with ON CONFLICT DO NOTHING: a retried report counts once).
// The report is audited in the same transaction, and the rollouts whose releases received an
// outcome are judged right after (auto-advance, auto-halt: lib/rollouts/evaluate-rollout.ts).
import type { ClientActor } from "@/lib/authz/actor";
import { recordAudit, type AuditRequestInfo } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { InstallEventKind } from "@/lib/generated/prisma/client";
import { assignBucket, machineKey } from "@/lib/rollouts/assign-bucket";
import { entryPhase } from "@/lib/rollouts/cohort";
import { evaluateRollout } from "@/lib/rollouts/evaluate-rollout";
import { storedPhases } from "@/lib/rollouts/rollout.schema";
import type {
  InstallEventInput,
  InstallEventResult,
  ReportInstallEventsAnswer,
  ReportInstallEventsInput,
} from "./install-events.schema";

const MAX_AGE_MS = 30 * 86_400_000;
const OUTCOMES: ReadonlySet<InstallEventKind> = new Set(["INSTALLED", "FAILED", "ROLLED_BACK"]);

const kindOf = (event: InstallEventInput["event"]) => event.toUpperCase() as InstallEventKind;

// The agent's clock is a claim: kept only when it is plausible.
function occurredAt(claimed: string | undefined, now: Date): Date {
  if (!claimed) return now;
  const at = new Date(claimed);
  if (at.getTime() > now.getTime() || now.getTime() - at.getTime() > MAX_AGE_MS) return now;
  return at;
}

export async function reportInstallEvents({
  actor,
  input,
  request,
}: {
  actor: ClientActor;
  input: ReportInstallEventsInput;
  request: AuditRequestInfo;
}): Promise<ReportInstallEventsAnswer> {
  const licenseId = actor.licenseId;
  if (!licenseId)
    throw new AppError("forbidden", "This API client is not bound to a license.", {
      reason: "client_not_bound_to_license",
    });
  const now = new Date();
  return db().$transaction(async (tx) => {
    const machine = await tx.machine.findUnique({
      where: { licenseId_machineId: { licenseId, machineId: input.machine.id } },
      select: { id: true, license: { select: { customer: { select: { rolloutGroups: true } } } } },
    });
    if (!machine)
      throw new AppError(
        "not_found",
        "This machine has not checked in with this license; ask POST /api/update first.",
      );
    const groups = machine.license.customer.rolloutGroups;
    const wanted = [...new Set(input.events.map((e) => `${e.product}\n${e.version}`))];
    const releases = await tx.release.findMany({
      where: {
        OR: wanted.map((key) => {
          const [slug = "", version = ""] = key.split("\n");
          return { version, product: { slug } };
        }),
        status: { in: ["PUBLISHED", "YANKED"] },
        product: { entitlements: { some: { licenseId } } },
      },
      select: {
        id: true,
        version: true,
        productId: true,
        product: { select: { slug: true } },
        rollout: { select: { id: true, phases: true } },
      },
    });
    const byKey = new Map(releases.map((r) => [`${r.product.slug}\n${r.version}`, r]));
    const key = machineKey(licenseId, input.machine.id);

    const seen = new Set<string>();
    const rows = [];
    for (const e of input.events) {
      const release = byKey.get(`${e.product}\n${e.version}`);
      const kind = kindOf(e.event);
      if (!release || seen.has(`${release.id}|${kind}`)) continue;
      seen.add(`${release.id}|${kind}`);
      const phase = release.rollout
        ? entryPhase(storedPhases(release.rollout.phases), {
            bucket: assignBucket(key, release.id),
            groups,
          })
        : null;
      rows.push({
        machineId: machine.id,
        licenseId,
        productId: release.productId,
        releaseId: release.id,
        kind,
        version: release.version,
        previousVersion: e.previousVersion ?? null,
        errorCode: e.error?.code ?? null,
        errorMessage: e.error?.message ?? null,
        durationMs: e.durationMs ?? null,
        rolloutId: release.rollout?.id ?? null,
        phase,
        occurredAt: occurredAt(e.occurredAt, now),
      });
    }
    const created = rows.length
      ? await tx.installEvent.createManyAndReturn({
          data: rows,
          skipDuplicates: true,
          select: { releaseId: true, kind: true, rolloutId: true },
        })
      : [];
    const recorded = new Set(created.map((c) => `${c.releaseId}|${c.kind}`));

    const reported = new Set<string>();
    const results: InstallEventResult[] = input.events.map((e) => {
      const release = byKey.get(`${e.product}\n${e.version}`);
      const base = { product: e.product, version: e.version, event: e.event };
      if (!release) return { ...base, status: "unknown_release" };
      const k = `${release.id}|${kindOf(e.event)}`;
      // The first mention in this report is the one recorded; a repeat is a duplicate.
      const status = recorded.has(k) && !reported.has(k) ? "recorded" : "duplicate";
      reported.add(k);
      return { ...base, status };
    });

    await recordAudit(tx, {
      action: "updates.events_reported",
      actor,
      request,
      target: { type: "machine", id: machine.id },
      metadata: {
        machine: input.machine.id,
        events: input.events.map((e, i) => ({
          product: e.product,
          version: e.version,
          event: e.event,
          status: results[i]?.status,
          ...(e.error ? { error: e.error.code } : {}),
        })),
      },
    });

    // What the machine runs now, without waiting for its next check-in: an install or a
    // rollback changes it (the fleet view reads Machine.versions).
    const running = new Map<string, string>();
    for (const e of input.events) {
      if (!byKey.has(`${e.product}\n${e.version}`)) continue;
      if (e.event === "installed") running.set(e.product, e.version);
      if (e.event === "rolled_back" && e.previousVersion) running.set(e.product, e.previousVersion);
    }
    for (const [product, version] of running)
      await tx.$executeRaw`
        UPDATE "Machine"
           SET "versions" = (SELECT jsonb_agg(CASE WHEN v->>'product' = ${product}
                                                   THEN jsonb_set(v, '{version}', to_jsonb(${version}::text))
                                                   ELSE v END)
                               FROM jsonb_array_elements("versions") v)
         WHERE "id" = ${machine.id} AND jsonb_typeof("versions") = 'array'
           AND jsonb_array_length("versions") > 0`;

    const judged = new Set(
      created.filter((c) => c.rolloutId && OUTCOMES.has(c.kind)).map((c) => c.rolloutId ?? ""),
    );
    for (const rolloutId of judged) await evaluateRollout(tx, rolloutId, now);

    return { machine: input.machine.id, results };
  });
}
