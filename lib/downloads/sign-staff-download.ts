// A Download button on a staff release page. The staff session, network and permission
// (artifacts:read) are the route's guard; the artifact is looked up, in any state (staff check a
// draft's build before publishing, and a yanked one when they investigate it), and only then is a
// short-lived URL signed for this staff user on the download route, which asks for the same
// session again and audits the bytes it serves (downloads.served, with the staff user as actor).
import type { StaffActor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { signDownloadUrl } from "./download-url";

const ARTIFACT_ID = /^art_[0-9a-f]{32}$/;

export async function signStaffDownload(
  actor: StaffActor,
  artifactId: string,
  now: Date = new Date(),
): Promise<{ url: string; expiresAt: Date }> {
  authorize(actor, "artifacts:read", "download artifacts");
  const artifact = ARTIFACT_ID.test(artifactId)
    ? await db().artifact.findUnique({ where: { id: artifactId }, select: { id: true } })
    : null;
  if (!artifact) throw new AppError("not_found", "The artifact does not exist.");
  return signDownloadUrl({
    artifactId: artifact.id,
    principal: { kind: "staff", id: actor.userId },
    now,
  });
}
