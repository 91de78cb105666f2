// One release as the customer portal shows it: notes, and the artifacts the customer is entitled
// to with size, SHA-256 and signature. The tenant is in the where clause (a license of this
// customer must name the product); a release with nothing the customer may download today is a
// 404, the same answer as an id that does not exist.
import type { CustomerActor } from "@/lib/authz/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { evaluateCustomerEntitlement } from "./customer-entitlement";
import { loadCustomerLicenses } from "./load-customer-licenses";
import type { PortalArtifact } from "./list-portal-downloads";

export interface PortalReleaseDetail {
  id: string;
  version: string;
  notes: string;
  critical: boolean;
  publishedAt: Date | null;
  productSlug: string;
  productName: string;
  channel: string;
  artifacts: (PortalArtifact & { signature: string; signingKeyId: string })[];
}

const RELEASE_ID = /^rel_[0-9a-f]{32}$/;

export async function getPortalRelease(
  actor: CustomerActor,
  releaseId: string,
  now: Date = new Date(),
): Promise<PortalReleaseDetail> {
  const missing = new AppError("not_found", "No such release.");
  if (!RELEASE_ID.test(releaseId)) throw missing;
  const release = await db().release.findFirst({
    where: {
      id: releaseId,
      status: "PUBLISHED",
      product: { entitlements: { some: { license: { customerId: actor.customerId } } } },
    },
    include: {
      product: { select: { slug: true, name: true } },
      channel: { select: { name: true } },
      artifacts: { orderBy: [{ platform: "asc" }, { arch: "asc" }] },
    },
  });
  if (!release) throw missing;
  const licenses = await loadCustomerLicenses(actor);
  const artifacts = release.artifacts
    .filter(
      (a) =>
        evaluateCustomerEntitlement(
          licenses,
          {
            productId: release.productId,
            channel: release.channel.name,
            platform: a.platform,
            arch: a.arch,
            publishedAt: release.publishedAt,
          },
          now,
        ).ok,
    )
    .map((a) => ({
      id: a.id,
      platform: a.platform,
      arch: a.arch,
      fileName: a.fileName,
      size: Number(a.size),
      sha256: a.sha256,
      signature: a.signature,
      signingKeyId: a.signingKeyId,
    }));
  if (artifacts.length === 0) throw missing;
  return {
    id: release.id,
    version: release.version,
    notes: release.notes,
    critical: release.critical,
    publishedAt: release.publishedAt,
    productSlug: release.product.slug,
    productName: release.product.name,
    channel: release.channel.name,
    artifacts,
  };
}
