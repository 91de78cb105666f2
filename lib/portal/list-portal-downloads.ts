// The customer's downloads: for every product and channel one of their licenses names, the
// published releases (newest first) with the artifacts the customer is entitled to today, and
// the newest per platform. Nothing here is a link that can expire: the page links to
// /portal/downloads/<artifactId>, which signs a fresh URL when clicked.
import type { CustomerActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import type { AccessDeniedReason } from "@/lib/licensing/evaluate-license-access";
import { byVersionDescending } from "@/lib/releases/compare-versions";
import { evaluateCustomerEntitlement } from "./customer-entitlement";
import { loadCustomerLicenses } from "./load-customer-licenses";

export interface PortalArtifact {
  id: string;
  platform: string;
  arch: string;
  fileName: string;
  size: number;
  sha256: string;
}

export interface PortalReleaseSummary {
  id: string;
  version: string;
  publishedAt: Date | null;
  critical: boolean;
  artifacts: PortalArtifact[];
}

export interface DownloadTrack {
  productId: string;
  productSlug: string;
  productName: string;
  channel: string;
  releases: PortalReleaseSummary[];
  latest: (PortalArtifact & { version: string; releaseId: string })[];
  // Why nothing can be downloaded, when releases exist but none is entitled today.
  blocked: AccessDeniedReason | null;
}

export async function listPortalDownloads(
  actor: CustomerActor,
  now: Date = new Date(),
): Promise<DownloadTrack[]> {
  const licenses = await loadCustomerLicenses(actor);
  const tracks = new Map<string, DownloadTrack>();
  for (const license of licenses) {
    for (const e of license.entitlements) {
      for (const channel of e.channels) {
        const key = `${e.productId}|${channel}`;
        if (!tracks.has(key))
          tracks.set(key, {
            productId: e.productId,
            productSlug: e.product.slug,
            productName: e.product.name,
            channel,
            releases: [],
            latest: [],
            blocked: null,
          });
      }
    }
  }
  if (tracks.size === 0) return [];
  const releases = await db().release.findMany({
    where: {
      productId: { in: [...new Set([...tracks.values()].map((t) => t.productId))] },
      status: "PUBLISHED",
    },
    select: {
      id: true,
      productId: true,
      version: true,
      publishedAt: true,
      critical: true,
      channel: { select: { name: true } },
      artifacts: {
        select: { id: true, platform: true, arch: true, fileName: true, size: true, sha256: true },
        orderBy: [{ platform: "asc" }, { arch: "asc" }],
      },
    },
  });
  for (const release of releases.sort(byVersionDescending)) {
    const track = tracks.get(`${release.productId}|${release.channel.name}`);
    if (!track) continue;
    const artifacts: PortalArtifact[] = [];
    for (const a of release.artifacts) {
      const verdict = evaluateCustomerEntitlement(
        licenses,
        {
          productId: release.productId,
          channel: track.channel,
          ...a,
          publishedAt: release.publishedAt,
        },
        now,
      );
      if (verdict.ok) artifacts.push({ ...a, size: Number(a.size) });
      else if (verdict.reason !== "platform_not_entitled") track.blocked ??= verdict.reason;
    }
    if (artifacts.length === 0) continue;
    track.releases.push({
      id: release.id,
      version: release.version,
      publishedAt: release.publishedAt,
      critical: release.critical,
      artifacts,
    });
    for (const a of artifacts) {
      if (!track.latest.some((l) => l.platform === a.platform && l.arch === a.arch))
        track.latest.push({ ...a, version: release.version, releaseId: release.id });
    }
  }
  for (const track of tracks.values()) if (track.releases.length > 0) track.blocked = null;
  return [...tracks.values()];
}
