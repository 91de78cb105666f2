// What a customer user sees on the portal's home: their own licenses (the tenant is in every
// where clause; no other customer's row can match) and, for each license that grants access
// today, the newest entitled release per product, channel and platform with signed download
// links issued to the customer (the same download route agents use).
import type { CustomerActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { signDownloadUrl } from "@/lib/downloads/download-url";
import { evaluateLicenseAccess } from "@/lib/licensing/evaluate-license-access";
import { findLatestRelease } from "@/lib/releases/find-latest-release";

const TARGETS = [
  { platform: "linux", arch: "x64" },
  { platform: "linux", arch: "arm64" },
  { platform: "windows", arch: "x64" },
  { platform: "darwin", arch: "arm64" },
] as const;

export interface PortalDownload {
  product: string;
  channel: string;
  version: string;
  platform: string;
  arch: string;
  fileName: string;
  size: number;
  sha256: string;
  url: string;
}

export interface PortalLicense {
  id: string;
  keyHint: string;
  status: string;
  expiresAt: Date;
  products: { name: string; channels: string[] }[];
  access: { ok: true } | { ok: false; reason: string };
}

export async function loadCustomerOverview(actor: CustomerActor, now = new Date()) {
  const customer = await db().customer.findUniqueOrThrow({
    where: { id: actor.customerId },
    select: { name: true },
  });
  const licenses = await db().license.findMany({
    where: { customerId: actor.customerId },
    orderBy: { createdAt: "asc" },
    include: { entitlements: { include: { product: true } } },
  });
  const views: PortalLicense[] = [];
  const downloads = new Map<string, PortalDownload>();
  for (const license of licenses) {
    let access: PortalLicense["access"] = { ok: true };
    for (const entitlement of license.entitlements) {
      for (const channel of entitlement.channels) {
        for (const target of TARGETS) {
          const verdict = evaluateLicenseAccess({
            license,
            entitlement,
            channel,
            platform: target.platform,
            arch: target.arch,
            now,
          });
          if (!verdict.ok) {
            if (verdict.reason !== "platform_not_entitled")
              access = { ok: false, reason: verdict.reason };
            continue;
          }
          const release = await findLatestRelease(db(), {
            productId: entitlement.productId,
            channel,
            platform: target.platform,
            arch: target.arch,
            publishedBefore: verdict.publishedBefore ?? undefined,
          });
          if (!release) continue;
          const key = `${entitlement.productId}|${channel}|${target.platform}/${target.arch}`;
          if (downloads.has(key)) continue;
          downloads.set(key, {
            product: entitlement.product.name,
            channel,
            version: release.version,
            platform: target.platform,
            arch: target.arch,
            fileName: release.artifact.fileName,
            size: Number(release.artifact.size),
            sha256: release.artifact.sha256,
            url: signDownloadUrl({
              artifactId: release.artifact.id,
              principal: { kind: "customer", id: actor.customerId },
              now,
            }).url,
          });
        }
      }
    }
    views.push({
      id: license.id,
      keyHint: license.keyHint,
      status: license.status,
      expiresAt: license.expiresAt,
      products: license.entitlements.map((e) => ({ name: e.product.name, channels: e.channels })),
      access,
    });
  }
  return { customerName: customer.name, licenses: views, downloads: [...downloads.values()] };
}
