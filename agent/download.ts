// Downloads an artifact into <dir>/.tollgate/downloads/<sha256>.part, resuming what an earlier
// run left behind with Range + If-Range (the ETag is the SHA-256, so a part of another file is
// never continued). The request goes to the configured server whatever origin the URL names,
// so the bearer token is only ever sent there.
import { createWriteStream } from "node:fs";
import { mkdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { OfferedArtifact } from "../lib/updates/update-check.schema";
import { USER_AGENT } from "./api";
import { AgentError, EXIT } from "./errors";

export interface Progress {
  start(total: number, already: number): void;
  advance(bytes: number): void;
  stop(): void;
}

export const NO_PROGRESS: Progress = {
  start: () => undefined,
  advance: () => undefined,
  stop: () => undefined,
};

const ATTEMPTS = 3;

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

class Counter extends Transform {
  constructor(private readonly progress: Progress) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.progress.advance(chunk.byteLength);
    callback(null, chunk);
  }
}

export function partPath(dir: string, sha256: string): string {
  return path.join(dir, ".tollgate", "downloads", `${sha256}.part`);
}

async function attempt(
  server: URL,
  token: string,
  artifact: OfferedArtifact,
  part: string,
  progress: Progress,
): Promise<void> {
  const have = await sizeOf(part);
  if (have > artifact.size) await rm(part, { force: true });
  const offset = have > artifact.size ? 0 : have;
  if (offset === artifact.size) return;
  const offered = new URL(artifact.url);
  const url = new URL(`${offered.pathname}${offered.search}`, server);
  const headers: Record<string, string> = {
    authorization: `Bearer ${token}`,
    "user-agent": USER_AGENT,
  };
  if (offset > 0) {
    headers.range = `bytes=${offset}-`;
    headers["if-range"] = `"${artifact.sha256}"`;
  }
  let res: Response;
  try {
    res = await fetch(url, { headers, redirect: "error" });
  } catch (error) {
    throw new AgentError(
      EXIT.SERVER,
      `Download failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (res.status === 416) {
    // The part no longer fits the file: start over.
    await rm(part, { force: true });
    throw new AgentError(EXIT.SERVER, "The server refused the resume range; starting over.");
  }
  if (res.status !== 200 && res.status !== 206) {
    const detail = (await res.text()).slice(0, 300);
    const code = res.status === 403 || res.status === 410 ? EXIT.REFUSED : EXIT.SERVER;
    throw new AgentError(code, `Download refused (${res.status}): ${detail}`);
  }
  if (!res.body) throw new AgentError(EXIT.SERVER, "The download has no body.");
  const resumed = res.status === 206;
  if (resumed && res.headers.get("content-range")?.startsWith(`bytes ${offset}-`) !== true) {
    throw new AgentError(EXIT.SERVER, "The server answered a different range than asked.");
  }
  progress.start(artifact.size, resumed ? offset : 0);
  await pipeline(
    Readable.fromWeb(res.body as NodeReadableStream<Uint8Array>),
    new Counter(progress),
    createWriteStream(part, { flags: resumed ? "a" : "w" }),
  );
}

export async function downloadArtifact(
  server: URL,
  token: string,
  artifact: OfferedArtifact,
  dir: string,
  progress: Progress = NO_PROGRESS,
): Promise<string> {
  const part = partPath(dir, artifact.sha256);
  await mkdir(path.dirname(part), { recursive: true });
  let lastError: unknown;
  for (let i = 0; i < ATTEMPTS; i++) {
    try {
      await attempt(server, token, artifact, part, progress);
      progress.stop();
      return part;
    } catch (error) {
      progress.stop();
      lastError = error;
      // A refusal will not change by retrying; an interrupted transfer resumes.
      if (error instanceof AgentError && error.exitCode === EXIT.REFUSED) throw error;
    }
  }
  throw lastError instanceof AgentError
    ? lastError
    : new AgentError(EXIT.SERVER, `Download failed: ${String(lastError)}`);
}
