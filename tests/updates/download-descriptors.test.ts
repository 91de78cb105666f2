// HEAD on a download URL answers the headers only: it opens nothing, counts nothing and is
// audited as downloads.inspected. And no download path leaves a file open: HEADs, aborted,
// ranged, refused and whole downloads, many of each through the real route handler, then the
// process's open files (/proc/self/fd) that point into the storage directory are counted.
import { readdirSync, readlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import * as downloadRoute from "@/app/api/downloads/[id]/route";
import { download, eventually, hex, makeWorld, onlyUpdate, release, uniqueIp } from "./factories";

// Large enough that a download is many chunks, so an aborted one really stops half-way.
const BIG = Buffer.alloc(8 * 1024 * 1024, 7);

type Handler = (
  req: Request,
  segment: { params: Promise<Record<string, string>> },
) => Promise<Response>;
const routes = downloadRoute as unknown as Record<string, Handler | undefined>;

// What Next.js does with a HEAD: the module's HEAD handler, or else its GET with the body dropped.
async function head(url: string, token: string) {
  const target = new URL(url);
  const requestId = `req-${hex(8)}`;
  const handler = routes.HEAD ?? routes.GET;
  if (!handler) throw new Error("the download route has no GET");
  const res = await handler(
    new Request(`http://localhost${target.pathname}${target.search}`, {
      method: "HEAD",
      headers: {
        authorization: `Bearer ${token}`,
        "x-tollgate-peer": uniqueIp(),
        "x-request-id": requestId,
      },
    }),
    { params: Promise.resolve({ id: target.pathname.split("/").pop() ?? "" }) },
  );
  return { res, requestId };
}

async function aborted(url: string, token: string) {
  const target = new URL(url);
  const res = await routes.GET?.(
    new Request(`http://localhost${target.pathname}${target.search}`, {
      headers: { authorization: `Bearer ${token}`, "x-tollgate-peer": uniqueIp() },
    }),
    { params: Promise.resolve({ id: target.pathname.split("/").pop() ?? "" }) },
  );
  const reader = res?.body?.getReader();
  await reader?.read();
  await reader?.cancel();
}

function openStorageFiles(): number {
  const root = path.resolve(env().STORAGE_DIR);
  let count = 0;
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`).startsWith(root + path.sep)) count++;
    } catch {
      // The descriptor closed while we looked (readdir's own, or a stream finishing).
    }
  }
  return count;
}

async function offeredBig() {
  const world = await makeWorld();
  await release(world.product.slug, "1.0.0");
  await release(world.product.slug, "2.0.0", { content: BIG });
  const item = await onlyUpdate(world.agent.token, world.product.slug, "1.0.0");
  if (!item.artifact) throw new Error("no artifact offered");
  return { ...world, artifact: item.artifact };
}

describe("download descriptors and HEAD", () => {
  it("answers HEAD with the file's headers, opens and counts nothing, and audits it as an inspection", async () => {
    const { agent, artifact } = await offeredBig();
    const { res, requestId } = await head(artifact.url, agent.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBe(String(BIG.length));
    expect(res.headers.get("accept-ranges")).toBe("bytes");
    expect(res.headers.get("etag")).toBe(`"${artifact.sha256}"`);
    expect(res.body).toBeNull();
    const inspected = await db().auditEvent.findFirst({
      where: { requestId, action: "downloads.inspected" },
    });
    expect(inspected).toMatchObject({ result: "SUCCESS", targetId: artifact.id });
    // Give a stream that should not exist the time to finish and be recorded.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      await db().auditEvent.count({
        where: { requestId, action: { in: ["downloads.served", "storage.accessed"] } },
      }),
    ).toBe(0);
    expect(
      (await db().artifact.findUniqueOrThrow({ where: { id: artifact.id } })).downloadCount,
    ).toBe(0);
  });

  it("leaves no file open after many HEAD, aborted, ranged, refused and whole downloads", async () => {
    const { agent, artifact } = await offeredBig();
    const before = openStorageFiles();
    const tampered = new URL(artifact.url);
    tampered.searchParams.set("sig", "A".repeat(43));
    for (let i = 0; i < 10; i++) {
      await Promise.all([
        head(artifact.url, agent.token),
        head(artifact.url, agent.token),
        head(artifact.url, agent.token),
        head(artifact.url, agent.token),
        aborted(artifact.url, agent.token),
        aborted(artifact.url, agent.token),
        download(artifact.url, { token: agent.token, headers: { range: "bytes=100-4000" } }),
        download(artifact.url, { token: agent.token, headers: { range: `bytes=${BIG.length}-` } }),
        download(tampered.toString(), { token: agent.token }),
        download(artifact.url, { token: null }),
      ]);
    }
    const whole = await download(artifact.url, { token: agent.token });
    expect(whole.bytes.length).toBe(BIG.length);
    // Closing a destroyed stream's file is asynchronous; it must happen, and soon.
    await eventually(async () => (openStorageFiles() <= before ? true : null), 10_000);
    expect(openStorageFiles()).toBe(before);
    // One whole download, and nothing else, was counted (once its stream is recorded).
    await eventually(() =>
      db().auditEvent.findFirst({
        where: { requestId: whole.requestId, action: "downloads.served" },
      }),
    );
    expect(
      (await db().artifact.findUniqueOrThrow({ where: { id: artifact.id } })).downloadCount,
    ).toBe(1);
  });
});
