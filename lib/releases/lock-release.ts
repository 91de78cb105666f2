import type { Tx } from "@/lib/db/client";
import type { ReleaseStatus } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors/app-error";

// Takes the release's row lock for the rest of the transaction, provided the release is in the
// expected state; otherwise a 404 (no such release) or a 409 (it is in another state). Status
// changes and artifact uploads lock this way, so they apply one after the other.
export async function lockReleaseInStatus(
  tx: Tx,
  releaseId: string,
  status: ReleaseStatus,
  conflict: string,
): Promise<void> {
  const locked = await tx.release.updateMany({
    where: { id: releaseId, status },
    data: { updatedAt: new Date() },
  });
  if (locked.count === 1) return;
  const exists = await tx.release.findUnique({ where: { id: releaseId }, select: { id: true } });
  if (!exists) throw new AppError("not_found", "The release does not exist.");
  throw new AppError("conflict", conflict);
}
