// The behaviour every StorageDriver must show, run against each driver (local-driver.test.ts,
// s3-driver.test.ts). `leftovers()` reports anything an aborted upload left behind: temporary
// files for the local driver, unfinished multipart uploads for S3.
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import type { StorageDriver } from "@/lib/storage/driver";

export interface DriverHarness {
  driver: StorageDriver;
  leftovers(): Promise<string[]>;
}

const MiB = 1024 ** 2;
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");
const chunked = (data: Buffer, size = 64 * 1024) =>
  Readable.from(
    (function* () {
      for (let offset = 0; offset < data.byteLength; offset += size)
        yield data.subarray(offset, offset + size);
    })(),
  );
const failingAfter = (data: Buffer) =>
  Readable.from(
    (async function* () {
      yield data;
      throw new Error("the client went away");
    })(),
  );

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

let counter = 0;
const uniquePrefix = () => `contract/${Date.now()}-${process.pid}-${counter++}`;

export function describeDriverContract(name: string, harness: () => Promise<DriverHarness>): void {
  describe(`${name} driver contract`, () => {
    it("stores a streamed object and reads back the same bytes, size and SHA-256", async () => {
      const { driver } = await harness();
      const data = Buffer.alloc(3 * MiB + 17, "tollgate");
      const key = `${uniquePrefix()}/build.tar.gz`;
      const result = await driver.put(key, chunked(data), { maxBytes: 10 * MiB });
      expect(result).toEqual({ size: data.byteLength, sha256: sha256(data) });
      const read = await driver.get(key);
      expect(read.size).toBe(data.byteLength);
      expect(read.totalSize).toBe(data.byteLength);
      expect((await buffer(read.stream)).equals(data)).toBe(true);
      expect(await driver.head(key)).toEqual({ size: data.byteLength });
    });

    it("accepts a matching declared checksum and stores an empty object", async () => {
      const { driver } = await harness();
      const data = Buffer.from("exact");
      const key = `${uniquePrefix()}/a`;
      await expect(
        driver.put(key, chunked(data), { maxBytes: 100, expectedSha256: sha256(data) }),
      ).resolves.toEqual({
        size: 5,
        sha256: sha256(data),
      });
      const empty = `${uniquePrefix()}/empty`;
      await driver.put(empty, Readable.from([]), { maxBytes: 100 });
      expect(await driver.head(empty)).toEqual({ size: 0 });
      expect((await buffer((await driver.get(empty)).stream)).byteLength).toBe(0);
    });

    it("discards an upload whose checksum differs and leaves nothing behind", async () => {
      const h = await harness();
      const prefix = uniquePrefix();
      const data = Buffer.alloc(9 * MiB, 1);
      const error = await rejectsWith(
        h.driver.put(`${prefix}/bad`, chunked(data), {
          maxBytes: 20 * MiB,
          expectedSha256: "0".repeat(64),
        }),
        "unprocessable",
      );
      expect(error.status).toBe(422);
      expect(await h.driver.head(`${prefix}/bad`)).toBeNull();
      expect(await h.driver.list(prefix)).toEqual([]);
      expect(await h.leftovers()).toEqual([]);
    });

    it("cuts off an upload past the size limit while streaming", async () => {
      const h = await harness();
      const prefix = uniquePrefix();
      let produced = 0;
      const endless = new Readable({
        read() {
          produced += 64 * 1024;
          // Never ends by itself: only the limit can stop it.
          this.push(Buffer.alloc(64 * 1024, 2));
        },
      });
      await rejectsWith(
        h.driver.put(`${prefix}/big`, endless, { maxBytes: 1 * MiB }),
        "payload_too_large",
      );
      expect(produced).toBeLessThan(4 * MiB);
      expect(await h.driver.head(`${prefix}/big`)).toBeNull();
      expect(await h.leftovers()).toEqual([]);
    });

    it("leaves nothing behind when the source fails part-way", async () => {
      const h = await harness();
      const prefix = uniquePrefix();
      await expect(
        h.driver.put(`${prefix}/cut`, failingAfter(Buffer.alloc(9 * MiB, 3)), {
          maxBytes: 20 * MiB,
        }),
      ).rejects.toThrow("the client went away");
      expect(await h.driver.head(`${prefix}/cut`)).toBeNull();
      expect(await h.leftovers()).toEqual([]);
    });

    it("keeps the previous object intact when a replacement fails", async () => {
      const { driver } = await harness();
      const key = `${uniquePrefix()}/replace`;
      await driver.put(key, chunked(Buffer.from("first")), { maxBytes: 100 });
      await rejectsWith(
        driver.put(key, chunked(Buffer.from("second")), {
          maxBytes: 100,
          expectedSha256: "f".repeat(64),
        }),
        "unprocessable",
      );
      expect((await buffer((await driver.get(key)).stream)).toString()).toBe("first");
      await driver.put(key, chunked(Buffer.from("third!")), { maxBytes: 100 });
      expect((await buffer((await driver.get(key)).stream)).toString()).toBe("third!");
    });

    it("reads inclusive byte ranges, clamps the end, and refuses a start past the end", async () => {
      const { driver } = await harness();
      const key = `${uniquePrefix()}/range`;
      await driver.put(key, chunked(Buffer.from("0123456789")), { maxBytes: 100 });
      const middle = await driver.get(key, { start: 2, end: 5 });
      expect({ size: middle.size, total: middle.totalSize }).toEqual({ size: 4, total: 10 });
      expect((await buffer(middle.stream)).toString()).toBe("2345");
      const tail = await driver.get(key, { start: 7, end: 1000 });
      expect(tail.size).toBe(3);
      expect((await buffer(tail.stream)).toString()).toBe("789");
      expect((await buffer((await driver.get(key, { start: 8 })).stream)).toString()).toBe("89");
      expect((await buffer((await driver.get(key, { end: 1 })).stream)).toString()).toBe("01");
      await rejectsWith(driver.get(key, { start: 10 }), "range_not_satisfiable");
      await rejectsWith(driver.get(key, { start: 5, end: 4 }), "range_not_satisfiable");
      await rejectsWith(driver.get(key, { start: -1 }), "range_not_satisfiable");
    });

    it("answers not found for a missing object and null from head", async () => {
      const { driver } = await harness();
      const key = `${uniquePrefix()}/missing`;
      await rejectsWith(driver.get(key), "not_found");
      await rejectsWith(driver.get(key, { start: 0, end: 1 }), "not_found");
      expect(await driver.head(key)).toBeNull();
    });

    it("deletes objects, and deleting a missing object succeeds", async () => {
      const { driver } = await harness();
      const key = `${uniquePrefix()}/gone`;
      await driver.put(key, chunked(Buffer.from("x")), { maxBytes: 10 });
      await driver.delete(key);
      expect(await driver.head(key)).toBeNull();
      await expect(driver.delete(key)).resolves.toBeUndefined();
    });

    it("lists the objects under a prefix, nested ones included, sorted by key", async () => {
      const { driver } = await harness();
      const prefix = uniquePrefix();
      for (const key of ["b/2", "a", "b/1", "c/d/e"]) {
        await driver.put(`${prefix}/${key}`, chunked(Buffer.from(key)), { maxBytes: 10 });
      }
      await driver.put(`${prefix}-sibling/x`, chunked(Buffer.from("x")), { maxBytes: 10 });
      expect(await driver.list(`${prefix}/`)).toEqual([
        { key: `${prefix}/a`, size: 1 },
        { key: `${prefix}/b/1`, size: 3 },
        { key: `${prefix}/b/2`, size: 3 },
        { key: `${prefix}/c/d/e`, size: 5 },
      ]);
      expect((await driver.list(`${prefix}/b`)).map((o) => o.key)).toEqual([
        `${prefix}/b/1`,
        `${prefix}/b/2`,
      ]);
      expect((await driver.list(prefix)).length).toBe(5);
      expect(await driver.list(`${prefix}/nothing`)).toEqual([]);
    });

    it("refuses keys that could escape or collide with temporary files", async () => {
      const { driver } = await harness();
      for (const key of [
        "../escape",
        "a/../../b",
        "/absolute",
        "a//b",
        ".hidden",
        "a/.tmp-x",
        "a\\b",
        "",
        "a/",
        "x".repeat(600),
      ]) {
        await rejectsWith(
          driver.put(key, chunked(Buffer.from("x")), { maxBytes: 10 }),
          "bad_request",
        );
        await rejectsWith(driver.get(key), "bad_request");
        await rejectsWith(driver.head(key), "bad_request");
        await rejectsWith(driver.delete(key), "bad_request");
      }
      await rejectsWith(driver.list("../"), "bad_request");
    });
  });
}
