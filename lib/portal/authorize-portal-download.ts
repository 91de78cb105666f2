// A click on a portal download: the customer's session, their tenant and their entitlement are
// checked now, and only then is a download URL signed (with lib/downloads' signer), so a page
// left open for hours still downloads. The artifact is looked up with the customer in the where
// clause (a license of theirs must name its product): another customer's artifact, a draft and a
// guessed id are the same 404, and "not entitled" is a 404 too. What the customer's own license
// says (expired, suspended, revoked) is theirs to know, and is said.
import type { CustomerActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { checkDownloadAccess } from "@/lib/downloads/check-download-access";
import { signDownloadUrl } from "@/lib/downloads/download-url";
import { AppError } from "@/lib/errors/app-error";

const ARTIFACT_ID = /^art_[0-9a-f]{32}$/;
const NOT_ENTITLED = new Set([
  "product_not_entitled",
  "channel_not_entitled",
  "platform_not_entitled",
]);

function unavailable(): AppError {
  return new AppError("not_found", "This download is not available to your organisation.", {
    reason: "artifact_not_found",
  });
}

export async function authorizePortalDownload(
  actor: CustomerActor,
  artifactId: string,
  now: Date = new Date(),
): Promise<{ url: string; expiresAt: Date }> {
  if (!ARTIFACT_ID.test(artifactId)) throw unavailable();
  const artifact = await db().artifact.findFirst({
    where: {
      id: artifactId,
      release: {
        status: { in: ["PUBLISHED", "YANKED"] },
        product: { entitlements: { some: { license: { customerId: actor.customerId } } } },
      },
    },
    select: {
      id: true,
      platform: true,
      arch: true,
      release: {
        select: {
          status: true,
          productId: true,
          publishedAt: true,
          channel: { select: { name: true } },
        },
      },
    },
  });
  if (!artifact) throw unavailable();
  if (artifact.release.status === "YANKED") {
    throw new AppError("gone", "This release was withdrawn.", { reason: "release_yanked" });
  }
  const access = await checkDownloadAccess(
    { kind: "customer", customerId: actor.customerId },
    {
      productId: artifact.release.productId,
      channel: artifact.release.channel.name,
      platform: artifact.platform,
      arch: artifact.arch,
      publishedAt: artifact.release.publishedAt,
    },
    now,
  );
  if (!access.ok) {
    if (NOT_ENTITLED.has(access.reason)) throw unavailable();
    throw new AppError("forbidden", "Your license does not allow this download.", {
      reason: access.reason,
    });
  }
  return signDownloadUrl({
    artifactId: artifact.id,
    principal: { kind: "customer", id: actor.customerId },
    now,
  });
}
