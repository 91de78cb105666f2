import { describe, expect, it } from "vitest";
import { POST as yankRoute } from "@/app/api/releases/[id]/yank/route";
import { POST as publishRoute } from "@/app/api/releases/[id]/publish/route";
import { PUT as uploadRoute } from "@/app/api/releases/[id]/artifacts/[platform]/[arch]/route";
import { POST as createRoute } from "@/app/api/releases/route";
import { GET as signingKeysRoute } from "@/app/.well-known/tollgate-signing-keys.json/route";
import { GET as apiSigningKeysRoute } from "@/app/api/signing-keys/route";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { verifyArtifactSignature } from "@/lib/signing/artifact-signature";
import { pipelineActor, seedProduct, sha256, storeInTemporaryDir } from "./factories";
import { callHandler, streamingRequest } from "./route-helpers";

storeInTemporaryDir();

const BASE = "http://localhost:3000";

function webStream(parts: string[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
      controller.close();
    },
  });
}

describe("build-pipeline routes", () => {
  it("declare the contract's client scopes", () => {
    expect(createRoute.spec.access).toEqual({ kind: "client", scope: "releases:write" });
    expect(uploadRoute.spec.access).toEqual({ kind: "client", scope: "artifacts:write" });
    expect(publishRoute.spec.access).toEqual({ kind: "client", scope: "releases:publish" });
    expect(yankRoute.spec.access).toEqual({ kind: "client", scope: "releases:yank" });
  });

  it("refuse a request without a bearer token before doing anything", async () => {
    const product = await seedProduct();
    const res = await createRoute(
      new Request(`${BASE}/api/releases`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          product: product.slug,
          version: "1.0.0",
          channel: "stable",
          notes: "",
        }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(401);
    expect(await db().release.count({ where: { productId: product.id } })).toBe(0);
  });

  it("create, upload (streamed, checksum verified), publish and yank a release", async () => {
    const product = await seedProduct();
    const actor = pipelineActor();
    const created = await callHandler(createRoute, {
      actor,
      req: new Request(`${BASE}/api/releases`, { method: "POST" }),
      body: {
        product: product.slug,
        version: "4.2.0",
        channel: "stable",
        notes: "Fixes",
        critical: false,
        minimumVersion: null,
      },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(id).toMatch(/^rel_/);

    const parts = ["agent ", "build ", "bytes"];
    const content = parts.join("");
    const uploadUrl = `${BASE}/api/releases/${id}/artifacts/linux/arm64`;
    const params = { id, platform: "linux", arch: "arm64" };
    const uploaded = await callHandler(uploadRoute, {
      actor,
      params,
      req: streamingRequest(uploadUrl, "PUT", webStream(parts), {
        "x-checksum-sha256": sha256(content),
        "x-file-name": "agent-4.2.0-linux-arm64.tar.gz",
      }),
    });
    expect(uploaded.status).toBe(201);
    const artifact = (await uploaded.json()) as {
      size: number;
      sha256: string;
      signature: string;
      keyId: string;
      fileName: string;
    };
    expect(artifact).toMatchObject({
      size: content.length,
      sha256: sha256(content),
      fileName: "agent-4.2.0-linux-arm64.tar.gz",
    });
    expect(
      verifyArtifactSignature(
        {
          product: product.slug,
          version: "4.2.0",
          platform: "linux",
          arch: "arm64",
          size: artifact.size,
          sha256: artifact.sha256,
        },
        artifact,
      ),
    ).toBe(true);

    const publishedRes = await callHandler(publishRoute, {
      actor,
      params: { id },
      req: new Request(`${BASE}/api/releases/${id}/publish`, { method: "POST" }),
    });
    expect(publishedRes.status).toBe(200);
    expect(await publishedRes.json()).toMatchObject({
      status: "PUBLISHED",
      manifest: { version: "4.2.0" },
    });

    const yanked = await callHandler(yankRoute, {
      actor,
      params: { id },
      req: new Request(`${BASE}/api/releases/${id}/yank`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ reason: "bad build" }),
      }),
    });
    expect(yanked.status).toBe(200);
    expect(await yanked.json()).toMatchObject({ status: "YANKED", yankedReason: "bad build" });
  });

  it("yank without a body", async () => {
    const product = await seedProduct();
    const actor = pipelineActor();
    const created = await callHandler(createRoute, {
      actor,
      req: new Request(`${BASE}/api/releases`, { method: "POST" }),
      body: { product: product.slug, version: "1.0.0", channel: "stable", notes: "" },
    });
    const { id } = (await created.json()) as { id: string };
    const params = { id, platform: "windows", arch: "x64" };
    await callHandler(uploadRoute, {
      actor,
      params,
      req: streamingRequest(`${BASE}/x`, "PUT", webStream(["exe"]), {
        "x-checksum-sha256": sha256("exe"),
      }),
    });
    await callHandler(publishRoute, {
      actor,
      params: { id },
      req: new Request(`${BASE}/x`, { method: "POST" }),
    });
    const res = await callHandler(yankRoute, {
      actor,
      params: { id },
      req: new Request(`${BASE}/x`, { method: "POST" }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "YANKED", yankedReason: null });
  });

  it("require a well-formed X-Checksum-SHA256 header (400) and store nothing without one", async () => {
    const product = await seedProduct();
    const actor = pipelineActor();
    const created = await callHandler(createRoute, {
      actor,
      req: new Request(`${BASE}/api/releases`, { method: "POST" }),
      body: { product: product.slug, version: "1.0.0", channel: "stable", notes: "" },
    });
    const { id } = (await created.json()) as { id: string };
    const params = { id, platform: "linux", arch: "x64" };
    const cases: Record<string, string>[] = [
      {},
      { "x-checksum-sha256": "abc" },
      { "x-checksum-sha256": sha256("x"), "x-file-name": "../evil" },
    ];
    for (const headers of cases) {
      const error = await callHandler(uploadRoute, {
        actor,
        params,
        req: streamingRequest(`${BASE}/x`, "PUT", webStream(["x"]), headers),
      }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(400);
    }
    const mismatch = await callHandler(uploadRoute, {
      actor,
      params,
      req: streamingRequest(`${BASE}/x`, "PUT", webStream(["x"]), {
        "x-checksum-sha256": sha256("y"),
      }),
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((mismatch as AppError).status).toBe(422);
    expect(await db().artifact.count({ where: { releaseId: id } })).toBe(0);
  });

  it("refuse a bad file name in words, before reading a byte of the body", async () => {
    const product = await seedProduct();
    const actor = pipelineActor();
    const created = await callHandler(createRoute, {
      actor,
      req: new Request(`${BASE}/api/releases`, { method: "POST" }),
      body: { product: product.slug, version: "1.0.0", channel: "stable", notes: "" },
    });
    const { id } = (await created.json()) as { id: string };
    // highWaterMark 0: the stream is pulled only when someone reads the request body.
    let pulled = false;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled = true;
          controller.enqueue(new TextEncoder().encode("x"));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const error = await callHandler(uploadRoute, {
      actor,
      params: { id, platform: "linux", arch: "x64" },
      req: streamingRequest(`${BASE}/x`, "PUT", body, {
        "x-checksum-sha256": sha256("x"),
        "x-file-name": "my build.tar.gz",
      }),
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as AppError).status).toBe(400);
    expect((error as AppError).message).toMatch(/^The file name \(X-File-Name\) cannot be used\./);
    expect((error as AppError).message).not.toMatch(/header is not valid/);
    expect(pulled).toBe(false);
  });

  it("reject unknown platforms and architectures in the URL", () => {
    const schema = uploadRoute.spec.params;
    expect(
      schema?.safeParse({ id: `rel_${"a".repeat(32)}`, platform: "linux", arch: "x64" }).success,
    ).toBe(true);
    expect(
      schema?.safeParse({ id: `rel_${"a".repeat(32)}`, platform: "solaris", arch: "x64" }).success,
    ).toBe(false);
    expect(
      schema?.safeParse({ id: `rel_${"a".repeat(32)}`, platform: "linux", arch: "x86" }).success,
    ).toBe(false);
  });
});

describe("GET /.well-known/tollgate-signing-keys.json", () => {
  it("publishes the active public key to anyone", async () => {
    const res = await signingKeysRoute(
      new Request(`${BASE}/.well-known/tollgate-signing-keys.json`),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      algorithm: string;
      keys: Array<{ keyId: string; status: string; publicKeyBase64: string }>;
    };
    expect(body.algorithm).toBe("Ed25519");
    expect(body.keys[0]).toMatchObject({
      keyId: process.env.RELEASE_SIGNING_KEY_ID,
      status: "active",
    });
    expect(Buffer.from(body.keys[0]?.publicKeyBase64 ?? "", "base64")).toHaveLength(32);
    expect(JSON.stringify(body)).not.toMatch(/PRIVATE/);
    expect(apiSigningKeysRoute).toBe(signingKeysRoute);
  });
});
