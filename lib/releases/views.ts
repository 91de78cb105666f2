// What operations return and what audit before/after snapshots hold: plain data, sizes as
// numbers (an artifact never approaches 2^53 bytes), never storage keys' secrets or Prisma types.
import type { Artifact, Channel, Product, Release } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/authz/actor";

export interface ProductView {
  id: string;
  slug: string;
  name: string;
  description: string;
  channels: string[];
  createdAt: Date;
}

export function productView(product: Product & { channels: Channel[] }): ProductView {
  return {
    id: product.id,
    slug: product.slug,
    name: product.name,
    description: product.description,
    channels: product.channels.map((c) => c.name).sort(),
    createdAt: product.createdAt,
  };
}

export interface ArtifactView {
  id: string;
  releaseId: string;
  platform: string;
  arch: string;
  fileName: string;
  size: number;
  sha256: string;
  signature: string;
  keyId: string;
  downloadCount: number;
  createdAt: Date;
}

export function artifactView(artifact: Artifact): ArtifactView {
  return {
    id: artifact.id,
    releaseId: artifact.releaseId,
    platform: artifact.platform,
    arch: artifact.arch,
    fileName: artifact.fileName,
    size: Number(artifact.size),
    sha256: artifact.sha256,
    signature: artifact.signature,
    keyId: artifact.signingKeyId,
    downloadCount: artifact.downloadCount,
    createdAt: artifact.createdAt,
  };
}

export interface ReleaseView {
  id: string;
  product: string;
  version: string;
  channel: string;
  status: Release["status"];
  notes: string;
  critical: boolean;
  required: boolean;
  minimumVersion: string | null;
  manifestSignature: string | null;
  signingKeyId: string | null;
  createdAt: Date;
  publishedAt: Date | null;
  yankedAt: Date | null;
  yankedReason: string | null;
}

export function releaseView(
  release: Release & { product: Product; channel: Channel },
): ReleaseView {
  return {
    id: release.id,
    product: release.product.slug,
    version: release.version,
    channel: release.channel.name,
    status: release.status,
    notes: release.notes,
    critical: release.critical,
    required: release.required,
    minimumVersion: release.minimumVersion,
    manifestSignature: release.manifestSignature,
    signingKeyId: release.signingKeyId,
    createdAt: release.createdAt,
    publishedAt: release.publishedAt,
    yankedAt: release.yankedAt,
    yankedReason: release.yankedReason,
  };
}

// Release rows remember a staff user or an API client as author; system jobs leave both empty.
export function actorColumns(actor: Actor): { userId: string | null; clientId: string | null } {
  switch (actor.type) {
    case "USER":
      return { userId: actor.userId, clientId: null };
    case "SERVICE":
    case "AGENT":
      return { userId: null, clientId: actor.apiClientId };
    default:
      return { userId: null, clientId: null };
  }
}
