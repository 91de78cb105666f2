// A 200 MB artifact streams through the upload route into storage with flat memory: the bound
// is on memory growth while streaming, not on time.
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PUT as uploadRoute } from "@/app/api/releases/[id]/artifacts/[platform]/[arch]/route";
import { db } from "@/lib/db/client";
import { draft, pipelineActor, seedProduct, storeInTemporaryDir } from "./factories";
import { callHandler, streamingRequest } from "./route-helpers";

const storageDir = storeInTemporaryDir();

const MiB = 1024 ** 2;
const TOTAL = 200 * MiB;
const CHUNK = MiB;
const BOUND = 64 * MiB;

// Deterministic content made on the fly, fresh buffers each time, never the whole file at once.
const chunkAt = (index: number) => new Uint8Array(CHUNK).fill((index * 31 + 7) % 251);

function digestOfGenerated(): string {
  const hash = createHash("sha256");
  for (let i = 0; i < TOTAL / CHUNK; i++) hash.update(chunkAt(i));
  return hash.digest("hex");
}

describe("artifact upload memory", () => {
  it("streams a 200 MB artifact with flat memory", async () => {
    const product = await seedProduct();
    const release = await draft(product.slug, "9.0.0");
    const declared = digestOfGenerated();

    const baseline = process.memoryUsage();
    let peakRss = baseline.rss;
    let peakArrayBuffers = baseline.arrayBuffers;
    let index = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const usage = process.memoryUsage();
        peakRss = Math.max(peakRss, usage.rss);
        peakArrayBuffers = Math.max(peakArrayBuffers, usage.arrayBuffers);
        if (index === TOTAL / CHUNK) controller.close();
        else controller.enqueue(chunkAt(index++));
      },
    });

    const res = await callHandler(uploadRoute, {
      actor: pipelineActor(),
      params: { id: release.id, platform: "linux", arch: "x64" },
      req: streamingRequest(
        `http://localhost:3000/api/releases/${release.id}/artifacts/linux/x64`,
        "PUT",
        body,
        { "x-checksum-sha256": declared },
      ),
    });

    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ size: TOTAL, sha256: declared });
    const row = await db().artifact.findFirstOrThrow({ where: { releaseId: release.id } });
    expect((await stat(path.join(storageDir, row.storageKey))).size).toBe(TOTAL);
    expect(peakRss - baseline.rss).toBeLessThan(BOUND);
    expect(peakArrayBuffers - baseline.arrayBuffers).toBeLessThan(BOUND);
  }, 120_000);
});
