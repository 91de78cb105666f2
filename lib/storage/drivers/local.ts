// Local filesystem storage, the default. An upload is written to a temporary file in the target
// directory, fsynced, checked, and only then renamed into place: rename within one directory is
// atomic, so a reader sees either the previous object or the complete new one, never a partial
// file. Temporary names start with a dot, which valid keys never do (keys.ts).
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, open, readdir, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "@/lib/errors/app-error";
import type {
  GetOptions,
  GetResult,
  PutOptions,
  PutResult,
  StorageDriver,
  StorageObjectInfo,
} from "../driver";
import { assertValidKey, assertValidPrefix } from "../keys";
import { checksumMismatch, UploadMeter } from "../meter";
import { resolveRange } from "../range";

const isMissing = (error: unknown) =>
  error instanceof Error &&
  "code" in error &&
  (error.code === "ENOENT" || error.code === "ENOTDIR");

async function removeQuietly(file: string): Promise<void> {
  await unlink(file).catch((error: unknown) => {
    if (!isMissing(error)) throw error;
  });
}

// The rename itself must survive a crash too: fsync the directory that holds the new entry.
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export class LocalStorageDriver implements StorageDriver {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private pathOf(key: string): string {
    assertValidKey(key);
    const file = path.resolve(this.root, key);
    // Belt and braces: the key rules already make escaping the root impossible.
    if (!file.startsWith(this.root + path.sep))
      throw new AppError("bad_request", "The storage key is not valid.");
    return file;
  }

  async put(key: string, stream: Readable, options: PutOptions): Promise<PutResult> {
    const file = this.pathOf(key);
    const dir = path.dirname(file);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const temp = path.join(dir, `.tmp-${randomUUID()}`);
    const meter = new UploadMeter(options.maxBytes);
    try {
      await pipeline(
        stream,
        meter,
        createWriteStream(temp, { flags: "wx", mode: 0o600, flush: true }),
      );
      const sha256 = meter.sha256();
      if (options.expectedSha256 !== undefined && options.expectedSha256 !== sha256) {
        throw checksumMismatch(options.expectedSha256, sha256);
      }
      await rename(temp, file);
      await syncDirectory(dir);
      return { size: meter.size, sha256 };
    } catch (error) {
      await removeQuietly(temp);
      throw error;
    }
  }

  async get(key: string, options: GetOptions = {}): Promise<GetResult> {
    const file = this.pathOf(key);
    // Open first and size the open file, so a concurrent replacement cannot change what we read.
    const handle = await open(file, "r").catch((error: unknown) => {
      if (isMissing(error)) throw new AppError("not_found", "The object does not exist.");
      throw error;
    });
    try {
      const totalSize = (await handle.stat()).size;
      const range = resolveRange(options, totalSize);
      if (range.size === 0) {
        await handle.close();
        return { stream: Readable.from([]), size: 0, totalSize };
      }
      const stream = handle.createReadStream({ start: range.start, end: range.end });
      return { stream, size: range.size, totalSize };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async head(key: string): Promise<{ size: number } | null> {
    const file = this.pathOf(key);
    try {
      const info = await stat(file);
      return info.isFile() ? { size: info.size } : null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await removeQuietly(this.pathOf(key));
  }

  // Local files have no URLs of their own: downloads stream, or go to nginx (X-Accel-Redirect).
  async presignGet(key: string): Promise<string | null> {
    this.pathOf(key);
    return null;
  }

  async list(prefix: string): Promise<StorageObjectInfo[]> {
    assertValidPrefix(prefix);
    // Walk only the deepest directory that the prefix fully names.
    const base = prefix.includes("/") ? prefix.slice(0, prefix.lastIndexOf("/")) : "";
    const found: StorageObjectInfo[] = [];
    await this.walk(base, prefix, found);
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  private async walk(
    relativeDir: string,
    prefix: string,
    found: StorageObjectInfo[],
  ): Promise<void> {
    const dir = path.join(this.root, relativeDir);
    const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
      if (isMissing(error)) return [];
      throw error;
    });
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const key = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (key.startsWith(prefix) || prefix.startsWith(`${key}/`))
          await this.walk(key, prefix, found);
      } else if (entry.isFile() && key.startsWith(prefix)) {
        found.push({ key, size: (await stat(path.join(dir, entry.name))).size });
      }
    }
  }
}
