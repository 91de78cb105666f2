import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { byVersionDescending } from "./compare-versions";
import { listReleasesSchema, type ListReleasesInput } from "./list-releases.schema";
import { releaseView, type ReleaseView } from "./views";

export interface ReleaseListItem extends ReleaseView {
  artifactCount: number;
  downloadCount: number;
}

// Newest version first. SQL orders by the numeric columns; semver decides among prereleases.
export async function listReleases({
  actor,
  input,
}: {
  actor: Actor;
  input: ListReleasesInput;
}): Promise<ReleaseListItem[]> {
  authorize(actor, "releases:read");
  const data = listReleasesSchema.parse(input);
  const product = await db().product.findUnique({
    where: { slug: data.product },
    select: { id: true },
  });
  if (!product) throw new AppError("not_found", "The product does not exist.");
  const releases = await db().release.findMany({
    where: {
      productId: product.id,
      ...(data.channel ? { channel: { name: data.channel } } : {}),
      ...(data.status ? { status: data.status } : {}),
    },
    include: { product: true, channel: true, artifacts: { select: { downloadCount: true } } },
    orderBy: [{ major: "desc" }, { minor: "desc" }, { patch: "desc" }],
  });
  return releases
    .sort(byVersionDescending)
    .slice(0, data.limit)
    .map((release) => ({
      ...releaseView(release),
      artifactCount: release.artifacts.length,
      downloadCount: release.artifacts.reduce((sum, a) => sum + a.downloadCount, 0),
    }));
}
