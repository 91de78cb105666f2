import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { toAppError } from "@/lib/http/error-mapper";
import { getRelease } from "@/lib/releases/get-release";
import { listProducts } from "@/lib/releases/list-products";
import { listReleases } from "@/lib/releases/list-releases";
import { publishRelease } from "@/lib/releases/publish-release";
import { yankRelease } from "@/lib/releases/yank-release";
import { verifyReleaseManifest } from "@/lib/signing/release-manifest";
import {
  draft,
  failureOf,
  pipelineActor,
  published,
  requestInfo,
  seedProduct,
  sha256,
  staffActor,
  supportActor,
  SYSTEM,
  upload,
  storeInTemporaryDir,
} from "./factories";

storeInTemporaryDir();

const statusOf = async (promise: Promise<unknown>) => toAppError(await failureOf(promise)).status;

describe("publishRelease", () => {
  it("needs at least one artifact", async () => {
    const product = await seedProduct();
    const release = await draft(product.slug, "1.0.0");
    expect(
      await statusOf(publishRelease({ actor: SYSTEM, input: { releaseId: release.id } })),
    ).toBe(422);
    expect((await db().release.findUniqueOrThrow({ where: { id: release.id } })).status).toBe(
      "DRAFT",
    );
  });

  it("publishes with a signed manifest, records who published, and audits before/after", async () => {
    const product = await seedProduct();
    const release = await draft(product.slug, "1.1.0");
    await upload(release.id, "linux", "x64", "linux");
    await upload(release.id, "windows", "arm64", "windows");
    const client = await db().apiClient.create({
      data: { clientId: `ci-${randomUUID()}`, name: "Build pipeline", kind: "PIPELINE" },
    });
    const actor = { ...pipelineActor(), apiClientId: client.id };
    const request = requestInfo();
    const result = await publishRelease({ actor, request, input: { releaseId: release.id } });
    expect(result).toMatchObject({
      status: "PUBLISHED",
      signingKeyId: process.env.RELEASE_SIGNING_KEY_ID,
    });
    expect(result.manifest.artifacts.map((a) => [a.platform, a.arch, a.sha256])).toEqual([
      ["linux", "x64", sha256("linux")],
      ["windows", "arm64", sha256("windows")],
    ]);

    const detail = await getRelease({ actor: supportActor(), input: { releaseId: release.id } });
    expect(detail.publishedAt).toBeInstanceOf(Date);
    expect(detail.publishedBy).toEqual({ kind: "client", id: client.id, label: "Build pipeline" });
    expect(detail.artifacts).toHaveLength(2);
    expect(detail.artifacts[0]).toMatchObject({
      sha256: sha256("linux"),
      size: 5,
      downloadCount: 0,
      signature: expect.any(String),
    });
    expect(detail.manifest).not.toBeNull();
    if (!detail.manifest || !detail.manifestSignature || !detail.signingKeyId)
      throw new Error("manifest missing");
    expect(
      verifyReleaseManifest(detail.manifest, {
        keyId: detail.signingKeyId,
        signature: detail.manifestSignature,
      }),
    ).toBe(true);

    const audit = await db().auditEvent.findFirstOrThrow({
      where: { requestId: request.requestId, action: "releases.published" },
    });
    expect(audit.before).toMatchObject({ status: "DRAFT" });
    expect(audit.after).toMatchObject({ status: "PUBLISHED" });
  });

  it("publishes once (409 after), needs releases:publish, and 404s for an unknown release", async () => {
    const product = await seedProduct();
    const release = await draft(product.slug, "1.0.0");
    await upload(release.id);
    expect(
      await statusOf(
        publishRelease({
          actor: pipelineActor(["releases:write", "artifacts:write"]),
          input: { releaseId: release.id },
        }),
      ),
    ).toBe(403);
    await publishRelease({ actor: staffActor(), input: { releaseId: release.id } });
    expect(
      await statusOf(publishRelease({ actor: SYSTEM, input: { releaseId: release.id } })),
    ).toBe(409);
    expect(
      await statusOf(
        publishRelease({ actor: SYSTEM, input: { releaseId: `rel_${"0".repeat(32)}` } }),
      ),
    ).toBe(404);
    expect(
      await statusOf(publishRelease({ actor: SYSTEM, input: { releaseId: "not-an-id" } })),
    ).toBe(400);
  });
});

describe("yankRelease", () => {
  it("moves a published release to yanked with a reason, audited; only once, and never a draft", async () => {
    const product = await seedProduct();
    const release = await published(product.slug, "1.0.0");
    const request = requestInfo();
    const yanked = await yankRelease({
      actor: pipelineActor(),
      request,
      input: { releaseId: release.id, reason: "corrupt installer" },
    });
    expect(yanked).toMatchObject({
      status: "YANKED",
      yankedReason: "corrupt installer",
      yankedAt: expect.any(Date),
    });
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { requestId: request.requestId, action: "releases.yanked" },
    });
    expect(audit).toMatchObject({
      reason: "corrupt installer",
      before: expect.objectContaining({ status: "PUBLISHED" }),
      after: expect.objectContaining({ status: "YANKED" }),
    });
    expect(await statusOf(yankRelease({ actor: SYSTEM, input: { releaseId: release.id } }))).toBe(
      409,
    );
    expect(await statusOf(upload(release.id, "darwin", "arm64"))).toBe(409);
    const other = await draft(product.slug, "1.0.1");
    expect(await statusOf(yankRelease({ actor: SYSTEM, input: { releaseId: other.id } }))).toBe(
      409,
    );
  });

  it("requires releases:yank", async () => {
    const product = await seedProduct();
    const release = await published(product.slug, "1.0.0");
    expect(
      await statusOf(yankRelease({ actor: supportActor(), input: { releaseId: release.id } })),
    ).toBe(403);
    expect(
      await statusOf(
        yankRelease({ actor: staffActor(["releases:publish"]), input: { releaseId: release.id } }),
      ),
    ).toBe(403);
  });
});

describe("release queries", () => {
  it("list a product's releases newest first, filtered by channel and status, with download totals", async () => {
    const product = await seedProduct();
    await published(product.slug, "1.0.0");
    await published(product.slug, "1.10.0-rc.2", { channel: "beta" });
    await published(product.slug, "1.10.0-rc.10", { channel: "beta" });
    await draft(product.slug, "1.10.0");
    await published(product.slug, "1.9.0");
    const all = await listReleases({ actor: supportActor(), input: { product: product.slug } });
    expect(all.map((r) => r.version)).toEqual([
      "1.10.0",
      "1.10.0-rc.10",
      "1.10.0-rc.2",
      "1.9.0",
      "1.0.0",
    ]);
    const beta = await listReleases({
      actor: supportActor(),
      input: { product: product.slug, channel: "beta" },
    });
    expect(beta.map((r) => r.version)).toEqual(["1.10.0-rc.10", "1.10.0-rc.2"]);
    const drafts = await listReleases({
      actor: supportActor(),
      input: { product: product.slug, status: "DRAFT" },
    });
    expect(drafts.map((r) => [r.version, r.artifactCount, r.downloadCount])).toEqual([
      ["1.10.0", 0, 0],
    ]);
    expect(
      await statusOf(listReleases({ actor: pipelineActor(), input: { product: product.slug } })),
    ).toBe(403);
  });

  it("list products with channels and release counts per status", async () => {
    const product = await seedProduct(["stable", "lts"]);
    await published(product.slug, "1.0.0");
    await draft(product.slug, "2.0.0");
    const found = (await listProducts({ actor: supportActor() })).find(
      (p) => p.slug === product.slug,
    );
    expect(found).toMatchObject({
      channels: ["lts", "stable"],
      releaseCounts: { DRAFT: 1, PUBLISHED: 1, YANKED: 0 },
    });
  });
});
