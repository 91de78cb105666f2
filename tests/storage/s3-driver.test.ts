// The S3 driver against the same contract as the local one, with S3Client.send answered by an
// in-memory bucket (no S3-compatible server runs on these machines).
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { assertEncryptedEndpoint, partSizeFor, S3StorageDriver } from "@/lib/storage/drivers/s3";
import { describeDriverContract } from "./driver-contract";
import { InMemoryBucket } from "./in-memory-s3";

const MiB = 1024 ** 2;
const bucket = new InMemoryBucket("tollgate-test");
const driver = new S3StorageDriver("tollgate-test", bucket.client());

describeDriverContract("s3", async () => ({
  driver,
  leftovers: async () => [...bucket.uploads.keys()],
}));

describe("s3 driver specifics", () => {
  it("uploads large objects in bounded multipart parts and requests server-side encryption", async () => {
    const before = bucket.calls.length;
    const key = "specifics/large";
    const parts = Readable.from(
      (function* () {
        for (let i = 0; i < 21; i++) yield Buffer.alloc(MiB, i);
      })(),
    );
    await driver.put(key, parts, { maxBytes: 100 * MiB });
    const calls = bucket.calls.slice(before);
    expect(calls.map((c) => c.command)).toEqual([
      "CreateMultipartUpload",
      "UploadPart",
      "UploadPart",
      "UploadPart",
      "CompleteMultipartUpload",
    ]);
    expect(calls[0]?.input.ServerSideEncryption).toBe("AES256");
    expect(calls.filter((c) => c.command === "UploadPart").map((c) => c.bodyBytes)).toEqual([
      8 * MiB,
      8 * MiB,
      5 * MiB,
    ]);
    expect(bucket.objects.get(key)?.serverSideEncryption).toBe("AES256");
    expect(bucket.objects.get(key)?.body.byteLength).toBe(21 * MiB);
  });

  it("stores a small object with one PutObject that requests server-side encryption", async () => {
    const before = bucket.calls.length;
    await driver.put("specifics/small", Readable.from([Buffer.from("small")]), { maxBytes: 100 });
    const calls = bucket.calls.slice(before);
    expect(calls.map((c) => c.command)).toEqual(["PutObject"]);
    expect(calls[0]?.input.ServerSideEncryption).toBe("AES256");
  });

  it("aborts the multipart upload when the checksum differs", async () => {
    const before = bucket.calls.length;
    await expect(
      driver.put("specifics/mismatch", Readable.from([Buffer.alloc(9 * MiB, 7)]), {
        maxBytes: 20 * MiB,
        expectedSha256: "a".repeat(64),
      }),
    ).rejects.toMatchObject({ code: "unprocessable" });
    const commands = bucket.calls.slice(before).map((c) => c.command);
    expect(commands).toContain("AbortMultipartUpload");
    expect(commands).not.toContain("CompleteMultipartUpload");
    expect(bucket.objects.has("specifics/mismatch")).toBe(false);
  });

  it("follows continuation tokens when listing", async () => {
    bucket.pageSize = 2;
    try {
      for (const name of ["1", "2", "3", "4", "5"]) {
        await driver.put(`paging/${name}`, Readable.from([Buffer.from(name)]), { maxBytes: 10 });
      }
      expect((await driver.list("paging/")).map((o) => o.key)).toEqual([
        "paging/1",
        "paging/2",
        "paging/3",
        "paging/4",
        "paging/5",
      ]);
    } finally {
      bucket.pageSize = 1000;
    }
  });

  it("sizes parts so that the largest allowed artifact fits in 10,000 parts", () => {
    expect(partSizeFor(2 * 1024 ** 3)).toBe(8 * MiB);
    expect(partSizeFor(200 * 1024 ** 3) * 10_000).toBeGreaterThanOrEqual(200 * 1024 ** 3);
  });

  it("refuses a plain-http endpoint except on this machine", () => {
    expect(() => assertEncryptedEndpoint("http://s3.example.com")).toThrow(/https/);
    expect(() => assertEncryptedEndpoint("https://s3.example.com")).not.toThrow();
    expect(() => assertEncryptedEndpoint("http://localhost:9000")).not.toThrow();
  });
});
