import { mkdtempSync, rmSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { LocalStorageDriver } from "@/lib/storage/drivers/local";
import { describeDriverContract } from "./driver-contract";

const root = mkdtempSync(path.join(tmpdir(), "tollgate-local-driver-"));
const driver = new LocalStorageDriver(root);
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function temporaryFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.startsWith("."))
    .map((e) => path.join(e.parentPath, e.name));
}

describeDriverContract("local", async () => ({ driver, leftovers: () => temporaryFiles(root) }));

describe("local driver specifics", () => {
  it("never shows a partial file under the key while an upload is in flight", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const source = Readable.from(
      (async function* () {
        yield Buffer.alloc(1024, 1);
        await gate;
        yield Buffer.alloc(1024, 2);
      })(),
    );
    const upload = driver.put("inflight/obj", source, { maxBytes: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await driver.head("inflight/obj")).toBeNull();
    expect(await temporaryFiles(path.join(root, "inflight"))).toHaveLength(1);
    release();
    await expect(upload).resolves.toMatchObject({ size: 2048 });
    expect(await driver.head("inflight/obj")).toEqual({ size: 2048 });
    expect(await temporaryFiles(path.join(root, "inflight"))).toEqual([]);
  });

  it("keeps objects inside the root directory", async () => {
    await driver.put("inside/file", Readable.from([Buffer.from("x")]), { maxBytes: 10 });
    const files = await readdir(root, { recursive: true });
    expect(files).toContain(path.join("inside", "file"));
  });

  it("does not list temporary files", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const upload = driver.put(
      "listing/obj",
      Readable.from(
        (async function* () {
          yield Buffer.from("a");
          await gate;
        })(),
      ),
      { maxBytes: 10 },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await driver.list("listing/")).toEqual([]);
    release();
    await upload;
    expect(await driver.list("listing/")).toEqual([{ key: "listing/obj", size: 1 }]);
  });
});
