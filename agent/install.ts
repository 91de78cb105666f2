// Atomic installation. A release is assembled in a temporary directory next to its final place
// (<dir>/releases/.staging-…: the file and a VERSION file, flushed to disk), renamed into
// <dir>/releases/<version>, and only then is <dir>/current switched: a new symlink is created
// under a temporary name and renamed over `current`, which POSIX makes atomic. At every moment
// `current` points at a complete release, the old one or the new one, never at half of one.
import { randomBytes } from "node:crypto";
import {
  copyFile,
  lstat,
  mkdir,
  open,
  readFile,
  readlink,
  rename,
  rm,
  symlink,
  writeFile,
} from "node:fs/promises";
import path from "node:path";
import { AgentError, EXIT } from "./errors";

const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,199}$/;
const VERSION = /^[0-9A-Za-z.+-]{1,64}$/;

async function flush(file: string): Promise<void> {
  const handle = await open(file, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function readInstalledVersion(dir: string): Promise<string | null> {
  try {
    return (await readFile(path.join(dir, "current", "VERSION"), "utf8")).trim();
  } catch {
    return null;
  }
}

export async function currentTarget(dir: string): Promise<string | null> {
  try {
    return await readlink(path.join(dir, "current"));
  } catch {
    return null;
  }
}

// Points `current` at releases/<version>: a new symlink renamed over the old one (atomic).
async function switchCurrent(dir: string, version: string): Promise<void> {
  const link = path.join(dir, `.tollgate-current-${randomBytes(6).toString("hex")}`);
  await symlink(path.join("releases", version), link);
  await rename(link, path.join(dir, "current"));
}

// The local rollback after a failed health check: `current` goes back to a release that is
// still on disk (earlier releases stay under releases/ for exactly this).
export async function activateRelease(dir: string, version: string): Promise<void> {
  if (!VERSION.test(version) || version.startsWith("."))
    throw new AgentError(EXIT.INSTALL, `Refusing to activate version ${version}.`);
  const kept = await readFile(path.join(dir, "releases", version, "VERSION"), "utf8").catch(
    () => null,
  );
  if (kept?.trim() !== version)
    throw new AgentError(
      EXIT.INSTALL,
      `Cannot roll back: release ${version} is not on disk.`,
      "rollback_failed",
    );
  await switchCurrent(dir, version);
}

export async function installRelease(input: {
  dir: string;
  version: string;
  fileName: string;
  source: string;
}): Promise<string> {
  const { dir, version, fileName, source } = input;
  // Both come from a signed answer, and still become path segments only if they are plain.
  if (!VERSION.test(version) || version.startsWith("."))
    throw new AgentError(EXIT.INSTALL, `Refusing to install version ${version}.`);
  if (!FILE_NAME.test(fileName))
    throw new AgentError(EXIT.INSTALL, `Refusing the file name ${fileName}.`);
  const current = path.join(dir, "current");
  const existing = await lstat(current).catch(() => null);
  if (existing && !existing.isSymbolicLink()) {
    throw new AgentError(
      EXIT.INSTALL,
      `${current} exists and is not a symlink; move it away first.`,
    );
  }
  if ((await currentTarget(dir)) === path.join("releases", version)) {
    throw new AgentError(EXIT.INSTALL, `Version ${version} is already the current one.`);
  }
  const releases = path.join(dir, "releases");
  const target = path.join(releases, version);
  const staging = path.join(releases, `.staging-${version}-${randomBytes(6).toString("hex")}`);
  try {
    await mkdir(staging, { recursive: true });
    await copyFile(source, path.join(staging, fileName));
    await writeFile(path.join(staging, "VERSION"), `${version}\n`);
    await flush(path.join(staging, fileName));
    await flush(path.join(staging, "VERSION"));
    // A leftover of an interrupted earlier run is replaced, never trusted.
    if (await lstat(target).catch(() => null)) {
      const stale = path.join(releases, `.stale-${version}-${randomBytes(6).toString("hex")}`);
      await rename(target, stale);
      await rm(stale, { recursive: true, force: true });
    }
    await rename(staging, target);
    await switchCurrent(dir, version);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (error instanceof AgentError) throw error;
    throw new AgentError(
      EXIT.INSTALL,
      `Installation failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return target;
}
