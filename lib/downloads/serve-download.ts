// GET on a signed download URL. In order: the URL's signature and expiry; the principal it names
// presents its own credentials (the agent's bearer token with update:download, or a portal
// session of that customer); the release is still published (a yanked release answers 410 Gone:
// a yank means the build is bad); the license still entitles it; then the bytes stream from
// storage with Content-Length, ETag (the SHA-256), Accept-Ranges and single-range / If-Range
// support so interrupted downloads resume. Every refusal is audited as downloads.refused; every
// download as downloads.served with the bytes actually sent, once the stream has ended.
import { Readable } from "node:stream";
import { ANONYMOUS, type Actor } from "@/lib/authz/actor";
import { requirePermission } from "@/lib/authz/require-permission";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { authenticate } from "@/lib/http/authenticate";
import { toAppError } from "@/lib/http/error-mapper";
import { AppError, type ErrorCode } from "@/lib/errors/app-error";
import { problemResponse } from "@/lib/http/problem";
import type { RequestContext } from "@/lib/http/request-context";
import { enforceRateLimits } from "@/lib/ratelimit/enforce";
import { storageFor } from "@/lib/storage/storage-access";
import { checkDownloadAccess, type DownloadHolder } from "./check-download-access";
import { verifyDownloadUrl, type DownloadPrincipal } from "./download-url";
import { etagFor, ifRangeAllows, parseRange } from "./http-range";

class Refusal extends Error {
  constructor(
    readonly reason: string,
    readonly error: AppError,
  ) {
    super(error.message);
  }
}

const refuse = (
  reason: string,
  code: ErrorCode,
  message: string,
  headers?: Record<string, string>,
) => new Refusal(reason, new AppError(code, message, { reason, ...(headers ? { headers } : {}) }));

const ARTIFACT_ID = /^art_[0-9a-f]{32}$/;

// The credentials of the kind of principal the URL names: an agent's bearer token with
// update:download, or a customer-portal session.
async function authenticateAs(
  principal: DownloadPrincipal,
  req: Request,
  ctx: RequestContext,
): Promise<Actor> {
  if (principal.kind === "client") {
    const actor = await authenticate(
      { kind: "client", scope: "update:download" },
      req.headers,
      ctx,
    );
    requirePermission(actor, "update:download");
    return actor;
  }
  return authenticate({ kind: "customer" }, req.headers, ctx);
}

// ...and that they are the very principal the URL was issued to.
function assertIssuedTo(actor: Actor, principal: DownloadPrincipal): void {
  if (
    principal.kind === "client" &&
    !("apiClientId" in actor && actor.apiClientId === principal.id)
  ) {
    throw refuse("wrong_client", "forbidden", "This download URL was issued to another client.");
  }
  if (
    principal.kind === "customer" &&
    !(actor.type === "USER" && actor.kind === "CUSTOMER" && actor.customerId === principal.id)
  ) {
    throw refuse(
      "wrong_customer",
      "forbidden",
      "This download URL was issued to another customer.",
    );
  }
}

// Whose entitlement the download draws on: the agent's own license, or the customer's licenses.
function holderOf(actor: Actor, principal: DownloadPrincipal): DownloadHolder {
  if (principal.kind === "customer") return { kind: "customer", customerId: principal.id };
  if (!("licenseId" in actor) || !actor.licenseId) {
    throw refuse(
      "client_not_bound_to_license",
      "forbidden",
      "This API client is not bound to a license.",
    );
  }
  return { kind: "license", licenseId: actor.licenseId };
}

async function loadArtifact(artifactId: string) {
  const artifact = ARTIFACT_ID.test(artifactId)
    ? await db().artifact.findUnique({
        where: { id: artifactId },
        include: { release: { include: { product: true, channel: true } } },
      })
    : null;
  // A draft's artifacts are for staff only and never reach an update answer.
  if (!artifact || artifact.release.status === "DRAFT") {
    throw refuse("artifact_not_found", "not_found", "The artifact does not exist.");
  }
  if (artifact.release.status === "YANKED") {
    throw refuse(
      "release_yanked",
      "gone",
      "The release was withdrawn (yanked); check for updates again.",
    );
  }
  return artifact;
}

type LoadedArtifact = Awaited<ReturnType<typeof loadArtifact>>;

async function recordServed(
  actor: Actor,
  ctx: RequestContext,
  artifact: LoadedArtifact,
  range: { start: number; end: number; total: number; status: number },
  outcome: { bytesSent: number; complete: boolean },
): Promise<void> {
  // Counted once per download that delivered the file through its last byte: a full download,
  // or the final range of a resumed one.
  const finished = outcome.complete && range.end === range.total - 1;
  await db().$transaction(async (tx) => {
    await recordAudit(tx, {
      action: "downloads.served",
      actor,
      request: ctx,
      result: outcome.complete ? "SUCCESS" : "FAILURE",
      reason: outcome.complete ? undefined : "the client stopped before the end of the range",
      target: { type: "artifact", id: artifact.id },
      metadata: {
        release: artifact.release.id,
        product: artifact.release.product.slug,
        version: artifact.release.version,
        platform: `${artifact.platform}/${artifact.arch}`,
        status: range.status,
        range: { start: range.start, end: range.end },
        size: range.total,
        bytesSent: outcome.bytesSent,
        complete: outcome.complete,
      },
    });
    if (finished)
      await tx.artifact.update({
        where: { id: artifact.id },
        data: { downloadCount: { increment: 1 } },
      });
  });
}

async function stream(
  req: Request,
  ctx: RequestContext,
  actor: Actor,
  artifact: LoadedArtifact,
  extra: Record<string, string>,
) {
  const total = Number(artifact.size);
  const etag = etagFor(artifact.sha256);
  const decision = ifRangeAllows(req.headers.get("if-range"), etag)
    ? parseRange(req.headers.get("range"), total)
    : { kind: "full" as const };
  if (decision.kind === "unsatisfiable") {
    throw refuse(
      "range_not_satisfiable",
      "range_not_satisfiable",
      "The requested range is not satisfiable.",
      {
        "content-range": `bytes */${total}`,
      },
    );
  }
  const start = decision.kind === "partial" ? decision.start : 0;
  const end = decision.kind === "partial" ? decision.end : total - 1;
  const status = decision.kind === "partial" ? 206 : 200;
  const read = await storageFor({ actor, request: ctx }).get(
    artifact.storageKey,
    decision.kind === "partial" ? { start, end } : {},
  );
  read.done
    .then((outcome) => recordServed(actor, ctx, artifact, { start, end, total, status }, outcome))
    .catch((error: unknown) =>
      ctx.log.error({ err: error, artifactId: artifact.id }, "could not audit a download"),
    );

  const headers: Record<string, string> = {
    ...extra,
    "content-type": "application/octet-stream",
    "content-length": String(read.size),
    "content-disposition": `attachment; filename="${artifact.fileName}"`,
    "accept-ranges": "bytes",
    etag,
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
    "x-request-id": ctx.requestId,
  };
  if (status === 206) headers["content-range"] = `bytes ${start}-${end}/${total}`;
  const body = Readable.toWeb(read.stream) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, { status, headers });
}

export async function serveDownload({
  req,
  ctx,
  artifactId,
}: {
  req: Request;
  ctx: RequestContext;
  artifactId: string;
}): Promise<Response> {
  let actor: Actor = ANONYMOUS;
  let principal: DownloadPrincipal | null = null;
  try {
    const verdict = verifyDownloadUrl(artifactId, new URL(req.url).searchParams);
    if (!verdict.ok) {
      const code = verdict.reason === "malformed_url" ? "bad_request" : "forbidden";
      const message =
        verdict.reason === "url_expired"
          ? "The download URL has expired; check for updates again for a fresh one."
          : "The download URL is not valid.";
      throw refuse(verdict.reason, code, message);
    }
    principal = verdict.principal;
    actor = await authenticateAs(principal, req, ctx);
    assertIssuedTo(actor, principal);
    const limits =
      principal.kind === "client"
        ? await enforceRateLimits(["update", "license"], { ctx, actor })
        : { headers: {} };
    const artifact = await loadArtifact(artifactId);
    const access = await checkDownloadAccess(holderOf(actor, principal), {
      productId: artifact.release.productId,
      channel: artifact.release.channel.name,
      platform: artifact.platform,
      arch: artifact.arch,
      publishedAt: artifact.release.publishedAt,
    });
    if (!access.ok)
      throw refuse(access.reason, "forbidden", "The license does not entitle this download.");
    return await stream(req, ctx, actor, artifact, limits.headers);
  } catch (thrown) {
    if (!(thrown instanceof Refusal) && toAppError(thrown).status >= 500) throw thrown;
    const error = thrown instanceof Refusal ? thrown.error : toAppError(thrown);
    const reason = thrown instanceof Refusal ? thrown.reason : error.code;
    await recordAudit(db(), {
      action: "downloads.refused",
      actor,
      request: ctx,
      result: error.status === 401 || error.status === 403 ? "DENIED" : "FAILURE",
      reason,
      target: { type: "artifact", id: artifactId.slice(0, 64) },
      metadata: { status: error.status, code: error.code, principal },
    });
    return problemResponse(error, ctx.requestId, new URL(req.url).pathname);
  }
}
