import { readdir } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { toAppError } from "@/lib/http/error-mapper";
import { deleteArtifact } from "@/lib/releases/delete-artifact";
import { publishRelease } from "@/lib/releases/publish-release";
import { uploadArtifact } from "@/lib/releases/upload-artifact";
import { verifyArtifactSignature } from "@/lib/signing/artifact-signature";
import {
  draft,
  failureOf,
  pipelineActor,
  published,
  requestInfo,
  seedProduct,
  sha256,
  supportActor,
  SYSTEM,
  upload,
  storeInTemporaryDir,
} from "./factories";

const storageDir = storeInTemporaryDir();

// Everything on disk for a release, temporary files included.
async function filesOf(product: string, releaseId: string): Promise<string[]> {
  const dir = path.join(storageDir, "artifacts", product, releaseId);
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe("uploadArtifact", () => {
  it("stores the streamed build, signs it, records it and audits the storage access", async () => {
    const product = await seedProduct();
    const release = await draft(product.slug, "1.2.0");
    const data = Buffer.alloc(256 * 1024, "payload");
    const actor = pipelineActor();
    const request = requestInfo();
    const artifact = await uploadArtifact({
      actor,
      request,
      input: {
        releaseId: release.id,
        platform: "darwin",
        arch: "arm64",
        sha256: sha256(data).toUpperCase(),
        fileName: "agent-1.2.0.pkg",
      },
      body: Readable.from([data.subarray(0, 1000), data.subarray(1000)]),
    });
    expect(artifact).toMatchObject({
      releaseId: release.id,
      platform: "darwin",
      arch: "arm64",
      fileName: "agent-1.2.0.pkg",
      size: data.byteLength,
      sha256: sha256(data),
      keyId: process.env.RELEASE_SIGNING_KEY_ID,
      replaced: false,
    });
    expect(
      verifyArtifactSignature(
        {
          product: product.slug,
          version: "1.2.0",
          platform: "darwin",
          arch: "arm64",
          size: data.byteLength,
          sha256: sha256(data),
        },
        { keyId: artifact.keyId, signature: artifact.signature },
      ),
    ).toBe(true);
    const row = await db().artifact.findUniqueOrThrow({ where: { id: artifact.id } });
    expect(row.size).toBe(BigInt(data.byteLength));
    expect(await filesOf(product.slug, release.id)).toEqual([
      path.relative(path.join("artifacts", product.slug, release.id), row.storageKey),
    ]);
    const events = await db().auditEvent.findMany({
      where: { requestId: request.requestId },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => [e.action, e.result])).toEqual([
      ["storage.accessed", "SUCCESS"],
      ["artifacts.uploaded", "SUCCESS"],
    ]);
    expect(events[0]?.metadata).toMatchObject({
      method: "put",
      key: row.storageKey,
      bytes: data.byteLength,
    });
  });

  it("rejects a checksum mismatch with 422 and leaves nothing behind: no object, no temp file, no row", async () => {
    const product = await seedProduct();
    const release = await draft(product.slug, "1.0.0");
    const request = requestInfo();
    const data = Buffer.alloc(3 * 1024 * 1024, 9);
    const error = toAppError(
      await failureOf(
        uploadArtifact({
          actor: pipelineActor(),
          request,
          input: {
            releaseId: release.id,
            platform: "linux",
            arch: "x64",
            sha256: sha256("something else"),
          },
          body: Readable.from([data]),
        }),
      ),
    );
    expect(error.status).toBe(422);
    expect(await filesOf(product.slug, release.id)).toEqual([]);
    expect(await db().artifact.count({ where: { releaseId: release.id } })).toBe(0);
    const events = await db().auditEvent.findMany({
      where: { requestId: request.requestId },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => [e.action, e.result])).toEqual([
      ["storage.accessed", "FAILURE"],
      ["artifacts.upload_failed", "FAILURE"],
    ]);
  });

  it("replaces the artifact of the same platform/arch in a draft and removes the old object", async () => {
    const product = await seedProduct();
    const release = await draft(product.slug, "1.0.0");
    const first = await upload(release.id, "windows", "x64", "first build");
    await upload(release.id, "linux", "x64", "linux build");
    const second = await upload(release.id, "windows", "x64", "second build");
    expect(second.replaced).toBe(true);
    const rows = await db().artifact.findMany({
      where: { releaseId: release.id },
      orderBy: { platform: "asc" },
    });
    expect(rows.map((r) => [r.platform, r.sha256])).toEqual([
      ["linux", sha256("linux build")],
      ["windows", sha256("second build")],
    ]);
    expect(await filesOf(product.slug, release.id)).toHaveLength(2);
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "artifacts.uploaded", targetId: second.id },
    });
    expect(audit.before).toMatchObject({ id: first.id, sha256: sha256("first build") });
    expect(audit.after).toMatchObject({ id: second.id, sha256: sha256("second build") });
  });

  it("accepts uploads only for drafts (409) and stores nothing for a published release", async () => {
    const product = await seedProduct();
    const release = await published(product.slug, "1.0.0");
    const before = await filesOf(product.slug, release.id);
    const error = toAppError(await failureOf(upload(release.id, "darwin", "x64")));
    expect(error.status).toBe(409);
    expect(await filesOf(product.slug, release.id)).toEqual(before);
  });

  it("requires artifacts:write (support staff cannot) and never touches storage without it", async () => {
    const product = await seedProduct();
    const release = await draft(product.slug, "1.0.0");
    const data = Buffer.from("x");
    const error = toAppError(
      await failureOf(
        uploadArtifact({
          actor: supportActor(),
          input: { releaseId: release.id, platform: "linux", arch: "x64", sha256: sha256(data) },
          body: Readable.from([data]),
        }),
      ),
    );
    expect(error.status).toBe(403);
    expect(await filesOf(product.slug, release.id)).toEqual([]);
  });

  it("refuses unknown platforms, architectures and path-like file names", async () => {
    const product = await seedProduct();
    const release = await draft(product.slug, "1.0.0");
    const data = Buffer.from("x");
    for (const input of [
      { releaseId: release.id, platform: "freebsd", arch: "x64", sha256: sha256(data) },
      { releaseId: release.id, platform: "linux", arch: "ia32", sha256: sha256(data) },
      {
        releaseId: release.id,
        platform: "linux",
        arch: "x64",
        sha256: sha256(data),
        fileName: "../../etc/passwd",
      },
      { releaseId: release.id, platform: "linux", arch: "x64", sha256: "not-hex" },
    ]) {
      const error = toAppError(
        await failureOf(
          uploadArtifact({
            actor: pipelineActor(),
            input: input as never,
            body: Readable.from([data]),
          }),
        ),
      );
      expect(error.status).toBe(400);
    }
    expect(await filesOf(product.slug, release.id)).toEqual([]);
  });
});

describe("deleteArtifact", () => {
  it("removes a draft's artifact row and object, audited; never from a published release", async () => {
    const product = await seedProduct();
    const release = await draft(product.slug, "1.0.0");
    const artifact = await upload(release.id, "linux", "arm64");
    await upload(release.id, "linux", "x64");
    const request = requestInfo();
    await deleteArtifact({
      actor: pipelineActor(),
      request,
      input: { releaseId: release.id, platform: "linux", arch: "arm64" },
    });
    expect(
      (await db().artifact.findMany({ where: { releaseId: release.id } })).map((a) => a.arch),
    ).toEqual(["x64"]);
    expect(await filesOf(product.slug, release.id)).toHaveLength(1);
    const events = await db().auditEvent.findMany({
      where: { requestId: request.requestId },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => [e.action, e.targetId])).toEqual([
      ["artifacts.deleted", artifact.id],
      ["storage.accessed", expect.stringContaining(release.id)],
    ]);
    const again = toAppError(
      await failureOf(
        deleteArtifact({
          actor: SYSTEM,
          input: { releaseId: release.id, platform: "linux", arch: "arm64" },
        }),
      ),
    );
    expect(again.status).toBe(404);

    await publishRelease({ actor: SYSTEM, input: { releaseId: release.id } });
    const frozen = toAppError(
      await failureOf(
        deleteArtifact({
          actor: SYSTEM,
          input: { releaseId: release.id, platform: "linux", arch: "x64" },
        }),
      ),
    );
    expect(frozen.status).toBe(409);
    expect(await filesOf(product.slug, release.id)).toHaveLength(1);
    expect(
      toAppError(
        await failureOf(
          deleteArtifact({
            actor: supportActor(),
            input: { releaseId: release.id, platform: "linux", arch: "x64" },
          }),
        ),
      ).status,
    ).toBe(403);
  });
});

describe("uploadArtifact racing a publish", () => {
  it("fails with 409 and removes its stored object when the release is published mid-upload", async () => {
    const product = await seedProduct();
    const release = await draft(product.slug, "1.0.0");
    await upload(release.id, "linux", "x64");
    const data = Buffer.alloc(512 * 1024, 4);
    let resume: () => void = () => undefined;
    const paused = new Promise<void>((resolve) => (resume = resolve));
    let started: () => void = () => undefined;
    const streaming = new Promise<void>((resolve) => (started = resolve));
    const body = Readable.from(
      (async function* () {
        yield data.subarray(0, 1024);
        started();
        await paused;
        yield data.subarray(1024);
      })(),
    );
    const uploading = uploadArtifact({
      actor: pipelineActor(),
      input: { releaseId: release.id, platform: "darwin", arch: "arm64", sha256: sha256(data) },
      body,
    });
    // The upload has passed its own status check and is writing to storage.
    await streaming;
    await publishRelease({ actor: SYSTEM, input: { releaseId: release.id } });
    resume();
    expect(toAppError(await failureOf(uploading)).status).toBe(409);
    expect(await filesOf(product.slug, release.id)).toHaveLength(1);
    expect(
      (await db().artifact.findMany({ where: { releaseId: release.id } })).map((a) => a.platform),
    ).toEqual(["linux"]);
  });
});
