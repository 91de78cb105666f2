// Whether the authenticated principal of a signed URL may have this artifact now: it exists and
// is not a draft's, its release is still published (a yanked release answers 410 Gone: a yank
// means the build is bad), and the license still entitles it (an agent's own license, or any
// license of the portal user's customer). Checked at download time, not only at check time, so
// a URL handed out a minute ago stops working when the license is suspended or revoked. Staff
// with artifacts:read hold no license: they may have any artifact, a draft's (checked before it
// is published) and a yanked release's (investigated) included.
import type { Actor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { toAppError } from "@/lib/http/error-mapper";
import type { RequestContext } from "@/lib/http/request-context";
import { checkDownloadAccess, type DownloadHolder } from "./check-download-access";
import { auditedDownloadRefusal, downloadError } from "./download-refusal";
import type { DownloadPrincipal } from "./download-url";

const ARTIFACT_ID = /^art_[0-9a-f]{32}$/;

async function loadArtifact(artifactId: string, staff: boolean) {
  const artifact = ARTIFACT_ID.test(artifactId)
    ? await db().artifact.findUnique({
        where: { id: artifactId },
        select: {
          id: true,
          platform: true,
          arch: true,
          fileName: true,
          size: true,
          sha256: true,
          storageKey: true,
          release: {
            select: {
              id: true,
              version: true,
              status: true,
              productId: true,
              publishedAt: true,
              product: { select: { slug: true } },
              channel: { select: { name: true } },
            },
          },
        },
      })
    : null;
  // A draft's artifacts are for staff only and never reach an update answer.
  if (!artifact || (artifact.release.status === "DRAFT" && !staff)) {
    throw downloadError("artifact_not_found", "not_found", "The artifact does not exist.");
  }
  if (artifact.release.status === "YANKED" && !staff) {
    throw downloadError(
      "release_yanked",
      "gone",
      "The release was withdrawn (yanked); check for updates again.",
    );
  }
  return artifact;
}

export type AuthorizedArtifact = Awaited<ReturnType<typeof loadArtifact>>;

// The principal as the signed-URL step authenticated it; anything else never gets here.
export function principalOf(actor: Actor): DownloadPrincipal | null {
  if ("apiClientId" in actor) return { kind: "client", id: actor.apiClientId };
  if (actor.type === "USER" && actor.kind === "CUSTOMER")
    return { kind: "customer", id: actor.customerId };
  if (actor.type === "USER" && actor.kind === "STAFF") return { kind: "staff", id: actor.userId };
  return null;
}

export const isStaffDownload = (actor: Actor) => actor.type === "USER" && actor.kind === "STAFF";

function holderOf(actor: Actor): DownloadHolder {
  if (actor.type === "USER" && actor.kind === "CUSTOMER")
    return { kind: "customer", customerId: actor.customerId };
  if (!("licenseId" in actor) || !actor.licenseId) {
    throw downloadError(
      "client_not_bound_to_license",
      "forbidden",
      "This API client is not bound to a license.",
    );
  }
  return { kind: "license", licenseId: actor.licenseId };
}

export async function authorizeDownload({
  actor,
  artifactId,
  request,
}: {
  actor: Actor;
  artifactId: string;
  request: RequestContext;
}): Promise<AuthorizedArtifact> {
  try {
    if (isStaffDownload(actor)) return await loadArtifact(artifactId, true);
    const holder = holderOf(actor);
    const artifact = await loadArtifact(artifactId, false);
    const access = await checkDownloadAccess(holder, {
      productId: artifact.release.productId,
      channel: artifact.release.channel.name,
      platform: artifact.platform,
      arch: artifact.arch,
      publishedAt: artifact.release.publishedAt,
    });
    if (!access.ok)
      throw downloadError(
        access.reason,
        "forbidden",
        "The license does not entitle this download.",
      );
    return artifact;
  } catch (thrown) {
    const error = toAppError(thrown);
    if (error.status >= 500) throw thrown;
    throw await auditedDownloadRefusal(
      { actor, ctx: request, artifactId, principal: principalOf(actor) },
      error,
    );
  }
}
