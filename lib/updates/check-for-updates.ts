// The update check: what should this machine run? The license behind the API client is read
// fresh on every check (so a suspension or revocation takes effect at the agent's next request),
// each product is resolved against the license's entitlements and the published releases, the
// machine and its versions are recorded against the license's machine limit, and the outcome is
// audited in the same transaction. Refusals are audited too, on their own, since the refused
// check changes nothing.
import type { ClientActor } from "@/lib/authz/actor";
import { recordAudit, type AuditRequestInfo } from "@/lib/audit/record-audit";
import { db, type Tx } from "@/lib/db/client";
import { signDownloadUrl } from "@/lib/downloads/download-url";
import { AppError, markAudited } from "@/lib/errors/app-error";
import {
  evaluateLicenseAccess,
  type AccessDeniedReason,
} from "@/lib/licensing/evaluate-license-access";
import { recordMachineCheckIn } from "@/lib/licensing/record-machine-check-in";
import { currentKeyring } from "@/lib/signing/keyring";
import { loadCheckLicense, type CheckLicense } from "./load-check-license";
import { planProductUpdate, type LoadedPlan } from "./plan-product-update";
import { releaseCatalogue, type CatalogueArtifact } from "./release-catalogue";
import { machineKey } from "@/lib/rollouts/assign-bucket";
import { offeredTo } from "@/lib/rollouts/offered-to";
import {
  rollbackFor,
  rolledBackReleaseIds,
  type ApplicableRollback,
} from "@/lib/rollouts/rollback-for";
import {
  NOT_ENTITLED_REASONS,
  UPDATE_ANSWER_FORMAT,
  type InstalledProduct,
  type NotEntitledReason,
  type UpdateAnswer,
  type UpdateCheckRequest,
  type UpdateResult,
} from "./update-check.schema";

// Long enough for a slow agent to act on, short enough that a captured answer goes stale fast.
export const UPDATE_ANSWER_TTL_SECONDS = 5 * 60;

export type UpdateRefusalReason =
  "client_not_bound_to_license" | "license_revoked" | "license_suspended" | "machine_limit_reached";

const REFUSAL_MESSAGES: Record<UpdateRefusalReason, string> = {
  client_not_bound_to_license: "This API client is not bound to a license.",
  license_revoked: "The license has been revoked.",
  license_suspended: "The license is suspended.",
  machine_limit_reached: "The license's machine limit is reached; this machine is not registered.",
};

type Checked =
  { answer: UpdateAnswer } | { refused: UpdateRefusalReason; licenseId: string | null };

type Resolved =
  | { input: InstalledProduct; plan: null; reason: NotEntitledReason }
  | { input: InstalledProduct; plan: LoadedPlan; reason: null }
  | { input: InstalledProduct; plan: null; reason: null; rollback: ApplicableRollback };

type LoadedLicense = CheckLicense;

// Suspended and revoked licenses are refused as a whole before any product is looked at; the
// remaining reasons are answers about one product.
function perProductReason(reason: AccessDeniedReason): NotEntitledReason {
  return (NOT_ENTITLED_REASONS as readonly string[]).includes(reason)
    ? (reason as NotEntitledReason)
    : "product_not_entitled";
}

async function resolveProduct(
  tx: Tx,
  license: LoadedLicense,
  input: InstalledProduct,
  machineId: string,
  now: Date,
): Promise<Resolved> {
  const entitlement = license.entitlements.find((e) => e.product.slug === input.product) ?? null;
  const access = evaluateLicenseAccess({
    license,
    entitlement,
    channel: input.channel,
    platform: input.platform,
    arch: input.arch,
    now,
  });
  if (!access.ok || !entitlement) {
    return {
      input,
      plan: null,
      reason: access.ok ? "product_not_entitled" : perProductReason(access.reason),
    };
  }
  const catalogue = await releaseCatalogue(tx, entitlement.product.id, entitlement.catalogueStamp);
  const machine = {
    key: machineKey(license.id, machineId),
    groups: license.rolloutGroups,
    customerId: license.customerId,
  };
  const rollback = rollbackFor(catalogue, { ...input, installed: input.version }, machine, now);
  if (rollback) return { input, plan: null, reason: null, rollback };
  const rolledBack = rolledBackReleaseIds(catalogue, machine, now);
  const plan = planProductUpdate(catalogue.releases, {
    channel: input.channel,
    platform: input.platform,
    arch: input.arch,
    installed: input.version,
    publishedBefore: access.publishedBefore,
    versionRange: entitlement.versionRange,
    offered: (release) => !rolledBack.has(release.id) && offeredTo(release, machine),
  });
  return { input, plan, reason: null };
}

function offeredArtifact(artifact: CatalogueArtifact, apiClientId: string, now: Date) {
  const { url, expiresAt } = signDownloadUrl({
    artifactId: artifact.id,
    principal: { kind: "client", id: apiClientId },
    now,
  });
  return {
    id: artifact.id,
    url,
    expiresAt: expiresAt.toISOString(),
    fileName: artifact.fileName,
    size: Number(artifact.size),
    sha256: artifact.sha256,
    signature: artifact.signature,
    keyId: artifact.signingKeyId,
  };
}

// An approved rollback: the older release, and the instruction that lets the agent take it.
function rollbackResult(
  base: Omit<UpdateResult, "status" | "latest">,
  { directive, to, artifact }: ApplicableRollback,
  ids: { apiClientId: string; licenseId: string; machineId: string },
  now: Date,
): UpdateResult {
  return {
    ...base,
    status: "update_available",
    latest: to.version,
    release: {
      id: to.id,
      version: to.version,
      channel: base.channel,
      publishedAt: to.publishedAt?.toISOString() ?? null,
      critical: to.critical,
      minimumVersion: to.minimumVersion,
      steppingStone: false,
    },
    artifact: offeredArtifact(artifact, ids.apiClientId, now),
    rollback: {
      id: directive.id,
      license: ids.licenseId,
      machine: ids.machineId,
      product: base.product,
      from: base.installed,
      to: to.version,
      expiresAt: directive.expiresAt.toISOString(),
      reason: directive.reason,
    },
  };
}

function toResult(
  resolved: Resolved,
  ids: { apiClientId: string; licenseId: string; machineId: string },
  now: Date,
): UpdateResult {
  const { input, plan } = resolved;
  const { apiClientId } = ids;
  const base = {
    product: input.product,
    installed: input.version,
    channel: input.channel,
    platform: input.platform,
    arch: input.arch,
  };
  if ("rollback" in resolved) return rollbackResult(base, resolved.rollback, ids, now);
  if (!plan)
    return { ...base, status: "not_entitled", latest: null, reason: resolved.reason ?? undefined };
  if (plan.kind === "up_to_date") return { ...base, status: "up_to_date", latest: plan.latest };
  if (plan.kind === "no_upgrade_path") {
    return { ...base, status: "up_to_date", latest: plan.latest, reason: "no_upgrade_path" };
  }
  return {
    ...base,
    status: "update_available",
    latest: plan.latest,
    release: {
      id: plan.release.id,
      version: plan.release.version,
      channel: input.channel,
      publishedAt: plan.release.publishedAt?.toISOString() ?? null,
      critical: plan.critical,
      minimumVersion: plan.release.minimumVersion,
      steppingStone: plan.steppingStone,
    },
    artifact: offeredArtifact(plan.artifact, apiClientId, now),
  };
}

// What the audit trail keeps of a check: versions and outcomes, never URLs or signatures.
function summary(results: readonly UpdateResult[]) {
  return results.map((r) => ({
    product: r.product,
    installed: r.installed,
    channel: r.channel,
    platform: `${r.platform}/${r.arch}`,
    status: r.status,
    latest: r.latest,
    ...(r.release ? { offered: r.release.version, critical: r.release.critical } : {}),
    ...(r.rollback ? { rollback: r.rollback.id } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
  }));
}

export async function checkForUpdates({
  actor,
  input,
  request,
}: {
  actor: ClientActor;
  input: UpdateCheckRequest;
  request: AuditRequestInfo;
}): Promise<UpdateAnswer> {
  const now = new Date();
  const machine = { id: input.machine.id, hostname: input.machine.hostname ?? null };
  const outcome = await db().$transaction(async (tx): Promise<Checked> => {
    const license = actor.licenseId
      ? await loadCheckLicense(
          tx,
          actor.licenseId,
          actor.customerId,
          input.products.map((p) => p.product),
        )
      : null;
    if (!license) return { refused: "client_not_bound_to_license", licenseId: actor.licenseId };
    if (license.status === "REVOKED") return { refused: "license_revoked", licenseId: license.id };
    if (license.status === "SUSPENDED")
      return { refused: "license_suspended", licenseId: license.id };

    const resolved: Resolved[] = [];
    for (const product of input.products)
      resolved.push(await resolveProduct(tx, license, product, machine.id, now));

    const checkIn = await recordMachineCheckIn(tx, {
      licenseId: license.id,
      apiClientId: actor.apiClientId,
      machineId: machine.id,
      hostname: machine.hostname,
      ip: request.ip ?? null,
      versions: input.products.map(({ product, version, channel, platform, arch }) => ({
        product,
        version,
        channel,
        platform,
        arch,
      })),
      maxMachines: license.maxMachines,
      now,
    });
    if (!checkIn.ok) return { refused: checkIn.reason, licenseId: license.id };
    if (checkIn.created) {
      await recordAudit(tx, {
        action: "machines.registered",
        actor,
        request,
        target: { type: "machine", id: checkIn.machineId },
        after: { licenseId: license.id, machineId: machine.id, hostname: machine.hostname },
      });
    }

    const ids = { apiClientId: actor.apiClientId, licenseId: license.id, machineId: machine.id };
    const updates = resolved.map((r) => toResult(r, ids, now));
    const answer: UpdateAnswer = {
      format: UPDATE_ANSWER_FORMAT,
      client: actor.clientId,
      machine: machine.id,
      ...(input.nonce ? { nonce: input.nonce } : {}),
      issuedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + UPDATE_ANSWER_TTL_SECONDS * 1000).toISOString(),
      keyId: currentKeyring().activeKeyId,
      updates,
    };
    await recordAudit(tx, {
      action: "updates.checked",
      actor,
      request,
      target: { type: "license", id: license.id },
      metadata: {
        machine: { ...machine, registered: checkIn.created },
        products: summary(updates),
      },
    });
    return { answer };
  });

  if ("answer" in outcome) return outcome.answer;
  const reason = outcome.refused;
  await recordAudit(db(), {
    action: "updates.check_refused",
    actor,
    request,
    result: "DENIED",
    reason,
    target: { type: "license", id: outcome.licenseId },
    metadata: {
      machine,
      products: input.products.map((p) => ({
        product: p.product,
        installed: p.version,
        channel: p.channel,
      })),
    },
  });
  // Audited above with its reason: marked, so the guard chain does not record it a second time.
  throw markAudited(new AppError("forbidden", REFUSAL_MESSAGES[reason], { reason }));
}
