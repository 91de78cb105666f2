import { parseInput } from "@/lib/authz/operation";
// Yanking withdraws a published release: the update API never offers it again (findLatestRelease
// sees only PUBLISHED releases). Its artifacts and objects are kept, for the audit trail and for
// staff with artifacts:read; the agent download route is to refuse them (410 Gone) by checking
// the release status, so an agent told about the release just before the yank cannot fetch it
// afterwards. A yank is final: there is no way back to PUBLISHED.
import { recordAudit, type AuditRequestInfo } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { lockReleaseInStatus } from "./lock-release";
import { releaseView, type ReleaseView } from "./views";
import { yankReleaseSchema, type YankReleaseInput } from "./yank-release.schema";

export async function yankRelease({
  actor,
  input,
  request,
}: {
  actor: Actor;
  input: YankReleaseInput;
  request?: AuditRequestInfo;
}): Promise<ReleaseView> {
  authorize(actor, "releases:yank");
  const { releaseId, reason } = parseInput(yankReleaseSchema, input);
  return db().$transaction(async (tx) => {
    await lockReleaseInStatus(
      tx,
      releaseId,
      "PUBLISHED",
      "Only a published release can be yanked.",
    );
    const before = await tx.release.findUniqueOrThrow({
      where: { id: releaseId },
      include: { product: true, channel: true },
    });
    const updated = await tx.release.update({
      where: { id: releaseId },
      data: { status: "YANKED", yankedAt: new Date(), yankedReason: reason || null },
      include: { product: true, channel: true },
    });
    const view = releaseView(updated);
    await recordAudit(tx, {
      action: "releases.yanked",
      actor,
      request,
      reason: reason || undefined,
      target: { type: "release", id: releaseId },
      before: releaseView(before),
      after: view,
    });
    return view;
  });
}
