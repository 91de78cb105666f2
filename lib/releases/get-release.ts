import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { buildReleaseManifest, type ReleaseManifest } from "@/lib/signing/release-manifest";
import { getReleaseSchema, type GetReleaseInput } from "./get-release.schema";
import { artifactView, releaseView, type ArtifactView, type ReleaseView } from "./views";

export interface ReleaseAuthor {
  kind: "user" | "client";
  id: string;
  // The user's email or the API client's name; null when the record no longer exists.
  label: string | null;
}

export interface ReleaseDetail extends ReleaseView {
  // The product's display name (`product` is its slug), for titles.
  productName: string;
  artifacts: ArtifactView[];
  downloadCount: number;
  // The signed manifest, for a published or yanked release.
  manifest: ReleaseManifest | null;
  createdBy: ReleaseAuthor | null;
  publishedBy: ReleaseAuthor | null;
  // Who yanked it, as the audit event written in the yank's transaction names them.
  yankedBy: string | null;
}

async function yankedBy(releaseId: string): Promise<string | null> {
  const event = await db().auditEvent.findFirst({
    where: { targetType: "release", targetId: releaseId, action: "releases.yanked" },
    orderBy: { seq: "desc" },
    select: { actorLabel: true, actorType: true, actorId: true },
  });
  if (!event) return null;
  return event.actorLabel ?? `${event.actorType.toLowerCase()} ${event.actorId ?? ""}`.trim();
}

async function author(
  userId: string | null,
  clientId: string | null,
): Promise<ReleaseAuthor | null> {
  if (userId) {
    const user = await db().user.findUnique({ where: { id: userId }, select: { email: true } });
    return { kind: "user", id: userId, label: user?.email ?? null };
  }
  if (clientId) {
    const client = await db().apiClient.findUnique({
      where: { id: clientId },
      select: { name: true },
    });
    return { kind: "client", id: clientId, label: client?.name ?? null };
  }
  return null;
}

export async function getRelease({
  actor,
  input,
}: {
  actor: Actor;
  input: GetReleaseInput;
}): Promise<ReleaseDetail> {
  authorize(actor, "releases:read");
  const { releaseId } = getReleaseSchema.parse(input);
  const release = await db().release.findUnique({
    where: { id: releaseId },
    include: {
      product: true,
      channel: true,
      artifacts: { orderBy: [{ platform: "asc" }, { arch: "asc" }] },
    },
  });
  if (!release) throw new AppError("not_found", "The release does not exist.");
  const artifacts = release.artifacts.map(artifactView);
  return {
    ...releaseView(release),
    productName: release.product.name,
    artifacts,
    downloadCount: artifacts.reduce((sum, a) => sum + a.downloadCount, 0),
    manifest: release.manifestSignature
      ? buildReleaseManifest({
          product: release.product.slug,
          version: release.version,
          channel: release.channel.name,
          artifacts,
        })
      : null,
    createdBy: await author(release.createdById, release.createdByClientId),
    publishedBy: await author(release.publishedById, release.publishedByClientId),
    yankedBy: release.status === "YANKED" ? await yankedBy(release.id) : null,
  };
}
