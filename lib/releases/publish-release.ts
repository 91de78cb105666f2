import { parseInput } from "@/lib/authz/operation";
// Publishing makes a draft visible to entitled agents and customers. The release manifest
// (product, version, channel, every artifact's size and hash) is signed here, in the same
// transaction that flips the status, so a published release always carries its signature.
import { recordAudit, type AuditRequestInfo } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import {
  buildReleaseManifest,
  signReleaseManifest,
  type ReleaseManifest,
} from "@/lib/signing/release-manifest";
import { createRollout } from "@/lib/rollouts/create-rollout";
import { lockReleaseInStatus } from "./lock-release";
import { publishReleaseSchema, type PublishReleaseInput } from "./publish-release.schema";
import { actorColumns, artifactView, releaseView, type ReleaseView } from "./views";

export interface PublishedRelease extends ReleaseView {
  manifest: ReleaseManifest;
  // The rollout the release was published into, or null when it went to everyone.
  rolloutId: string | null;
}

export async function publishRelease({
  actor,
  input,
  request,
}: {
  actor: Actor;
  input: PublishReleaseInput;
  request?: AuditRequestInfo;
}): Promise<PublishedRelease> {
  authorize(actor, "releases:publish");
  const { releaseId, rollout } = parseInput(publishReleaseSchema, input);
  if (rollout) authorize(actor, "rollouts:manage");
  const publisher = actorColumns(actor);
  return db().$transaction(async (tx) => {
    await lockReleaseInStatus(tx, releaseId, "DRAFT", "Only a draft release can be published.");
    const release = await tx.release.findUniqueOrThrow({
      where: { id: releaseId },
      include: { product: true, channel: true, artifacts: true },
    });
    if (release.artifacts.length === 0) {
      throw new AppError(
        "unprocessable",
        "A release needs at least one artifact before it can be published.",
      );
    }
    const manifest = buildReleaseManifest({
      product: release.product.slug,
      version: release.version,
      channel: release.channel.name,
      artifacts: release.artifacts.map(artifactView),
    });
    const signed = signReleaseManifest(manifest);
    const updated = await tx.release.update({
      where: { id: releaseId },
      data: {
        status: "PUBLISHED",
        publishedAt: new Date(),
        publishedById: publisher.userId,
        publishedByClientId: publisher.clientId,
        manifestSignature: signed.signature,
        signingKeyId: signed.keyId,
      },
      include: { product: true, channel: true },
    });
    const view = releaseView(updated);
    // A critical release skips phasing unless staff asked to phase it too.
    const phased = rollout && (!release.critical || rollout.phaseCritical);
    const started = phased
      ? await createRollout(tx, {
          actor,
          request,
          release: {
            id: release.id,
            productId: release.productId,
            version: release.version,
            product: release.product.slug,
          },
          phases: rollout.phases,
        })
      : null;
    await recordAudit(tx, {
      action: "releases.published",
      actor,
      request,
      target: { type: "release", id: releaseId },
      before: releaseView(release),
      after: view,
      metadata: {
        manifest,
        ...(started ? { rollout: started.id } : {}),
        ...(rollout && !phased ? { rollout: "skipped: critical release" } : {}),
      },
    });
    return { ...view, manifest, rolloutId: started?.id ?? null };
  });
}
