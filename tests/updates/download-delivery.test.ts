// Handing the bytes to the edge: with DOWNLOAD_DELIVERY=x-accel-redirect the route authorizes
// and audits exactly as for a streamed download, then answers with an X-Accel-Redirect to the
// internal nginx location instead of the bytes; with s3-presigned, a redirect to a short-lived
// presigned URL of the bucket. Refusals never reach the edge or the bucket.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { yankRelease } from "@/lib/releases/yank-release";
import { withEnv } from "../identity/env-override";
import { download, makeWorld, onlyUpdate, release, SYSTEM } from "./factories";

async function offered() {
  const world = await makeWorld();
  await release(world.product.slug, "1.0.0");
  const v2 = await release(world.product.slug, "2.0.0");
  const item = await onlyUpdate(world.agent.token, world.product.slug, "1.0.0");
  if (!item.artifact) throw new Error("no artifact offered");
  const row = await db().artifact.findUniqueOrThrow({ where: { id: item.artifact.id } });
  return { ...world, v2, artifact: item.artifact, storageKey: row.storageKey };
}

const xAccel = { DOWNLOAD_DELIVERY: "x-accel-redirect", DOWNLOAD_X_ACCEL_LOCATION: "/_files/" };

describe("downloads handed to nginx with X-Accel-Redirect", () => {
  it("authorizes, audits and counts the download, then redirects internally to the stored file", async () => {
    const { agent, artifact, storageKey } = await offered();
    await withEnv(xAccel, async () => {
      const { res, bytes, requestId } = await download(artifact.url, { token: agent.token });
      expect(res.status).toBe(200);
      expect(bytes.length).toBe(0);
      expect(res.headers.get("x-accel-redirect")).toBe(`/_files/${storageKey}`);
      expect(res.headers.get("x-tollgate-etag")).toBe(`"${artifact.sha256}"`);
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename=/);
      const served = await db().auditEvent.findFirstOrThrow({
        where: { requestId, action: "downloads.served" },
      });
      expect(served).toMatchObject({ result: "SUCCESS", targetId: artifact.id });
      expect(served.metadata).toMatchObject({ delivery: "x-accel-redirect", status: 200 });
      // The app read nothing from storage: the edge did.
      expect(
        await db().auditEvent.count({ where: { requestId, action: "storage.accessed" } }),
      ).toBe(0);
      expect(
        (await db().artifact.findUniqueOrThrow({ where: { id: artifact.id } })).downloadCount,
      ).toBe(1);

      // A first range does not count; HEAD is not handed to the edge.
      const part = await download(artifact.url, {
        token: agent.token,
        headers: { range: "bytes=0-9" },
      });
      expect(part.res.headers.get("x-accel-redirect")).toBe(`/_files/${storageKey}`);
      expect(
        (await db().artifact.findUniqueOrThrow({ where: { id: artifact.id } })).downloadCount,
      ).toBe(1);
    });
  });

  it("never hands a refused download to the edge", async () => {
    const { agent, artifact, v2 } = await offered();
    await withEnv(xAccel, async () => {
      const anonymous = await download(artifact.url, { token: null });
      expect(anonymous.res.status).toBe(401);
      expect(anonymous.res.headers.get("x-accel-redirect")).toBeNull();
      await yankRelease({ actor: SYSTEM, input: { releaseId: v2.id, reason: "bad build" } });
      const yanked = await download(artifact.url, { token: agent.token });
      expect(yanked.res.status).toBe(410);
      expect(yanked.res.headers.get("x-accel-redirect")).toBeNull();
      expect(
        await db().auditEvent.findFirst({
          where: { requestId: yanked.requestId, action: "downloads.refused" },
        }),
      ).toMatchObject({ reason: "release_yanked" });
    });
  });
});

// Presigning is a computation over the client's credentials: no bucket needs to answer.
const s3Presigned = {
  STORAGE_DRIVER: "s3",
  S3_BUCKET: "tollgate-downloads",
  S3_REGION: "eu-test-1",
  S3_ACCESS_KEY_ID: "AKIDTEST",
  S3_SECRET_ACCESS_KEY: "test-secret",
  DOWNLOAD_DELIVERY: "s3-presigned",
};

describe("downloads redirected to S3 presigned URLs", () => {
  it("authorizes and audits, then redirects to a short-lived presigned URL of the object", async () => {
    const { agent, artifact, storageKey } = await offered();
    await withEnv(s3Presigned, async () => {
      const { res, requestId } = await download(artifact.url, { token: agent.token });
      expect(res.status).toBe(307);
      const location = new URL(res.headers.get("location") ?? "");
      expect(location.hostname).toBe("tollgate-downloads.s3.eu-test-1.amazonaws.com");
      expect(location.pathname).toBe(`/${storageKey}`);
      expect(location.searchParams.get("X-Amz-Expires")).toBe("60");
      expect(location.searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
      expect(location.searchParams.get("response-content-disposition")).toMatch(
        /^attachment; filename=/,
      );
      const served = await db().auditEvent.findFirstOrThrow({
        where: { requestId, action: "downloads.served" },
      });
      expect(served.metadata).toMatchObject({ delivery: "s3-presigned", status: 200 });
      const access = await db().auditEvent.findFirstOrThrow({
        where: { requestId, action: "storage.accessed" },
      });
      expect(access.metadata).toMatchObject({ method: "presignGet", issued: true });
      expect(JSON.stringify(access.metadata)).not.toContain("X-Amz-Signature");
      expect(
        (await db().artifact.findUniqueOrThrow({ where: { id: artifact.id } })).downloadCount,
      ).toBe(1);
    });
  });

  it("never presigns a refused download", async () => {
    const { agent, artifact, v2 } = await offered();
    await withEnv(s3Presigned, async () => {
      await yankRelease({ actor: SYSTEM, input: { releaseId: v2.id, reason: "bad build" } });
      const yanked = await download(artifact.url, { token: agent.token });
      expect(yanked.res.status).toBe(410);
      expect(yanked.res.headers.get("location")).toBeNull();
      expect(
        await db().auditEvent.count({
          where: { requestId: yanked.requestId, action: "storage.accessed" },
        }),
      ).toBe(0);
    });
  });
});
