import { parseInput } from "@/lib/authz/operation";
import semver from "semver";
import { recordAudit, type AuditRequestInfo } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/authz/actor";
import { authorize } from "@/lib/authz/authorize";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { createReleaseSchema, type CreateReleaseInput } from "./create-release.schema";
import { parseStrictVersion } from "./version";
import { actorColumns, releaseView, type ReleaseView } from "./views";

// A new release is a draft: invisible to agents and customers until it is published.
export async function createRelease({
  actor,
  input,
  request,
}: {
  actor: Actor;
  input: CreateReleaseInput;
  request?: AuditRequestInfo;
}): Promise<ReleaseView> {
  authorize(actor, "releases:write");
  const data = parseInput(createReleaseSchema, input);
  // The schema has already refused anything that is not a strict version.
  const parts = parseStrictVersion(data.version);
  if (!parts) throw new AppError("validation_failed", "The version is not valid.");
  if (data.minimumVersion && semver.gt(data.minimumVersion, data.version)) {
    throw new AppError(
      "unprocessable",
      "The minimum version cannot be above the release's own version.",
      {
        errors: [{ path: "minimumVersion", message: "must not be greater than version" }],
      },
    );
  }
  const author = actorColumns(actor);

  return db().$transaction(async (tx) => {
    const product = await tx.product.findUnique({ where: { slug: data.product } });
    if (!product) throw new AppError("not_found", "The product does not exist.");
    const channel = await tx.channel.findUnique({
      where: { productId_name: { productId: product.id, name: data.channel } },
    });
    if (!channel) {
      throw new AppError("unprocessable", "The product has no such channel.", {
        errors: [{ path: "channel", message: `no channel "${data.channel}" for ${product.slug}` }],
      });
    }
    const existing = await tx.release.findUnique({
      where: { productId_version: { productId: product.id, version: data.version } },
      select: { id: true },
    });
    if (existing) {
      throw new AppError("conflict", `Version ${data.version} of ${product.slug} already exists.`, {
        errors: [{ path: "version", message: "already exists" }],
      });
    }
    const release = await tx.release.create({
      data: {
        productId: product.id,
        channelId: channel.id,
        version: data.version,
        ...parts,
        notes: data.notes,
        critical: data.critical,
        required: data.required,
        minimumVersion: data.minimumVersion ?? null,
        createdById: author.userId,
        createdByClientId: author.clientId,
      },
      include: { product: true, channel: true },
    });
    const view = releaseView(release);
    await recordAudit(tx, {
      action: "releases.created",
      actor,
      request,
      target: { type: "release", id: release.id },
      after: view,
    });
    return view;
  });
}
