// S3-compatible object storage, for deployments that outgrow one machine. Uploads go through a
// multipart upload of bounded parts (one part in memory at a time), so an object becomes visible
// only at CompleteMultipartUpload, after the size and checksum checks; any failure aborts the
// upload and S3 discards the parts. Objects small enough for one part use a single PutObject
// sent only after the checks. Every write asks for server-side encryption.
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type CompletedPart,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "@/lib/errors/app-error";
import type {
  GetOptions,
  GetResult,
  PresignOptions,
  PutOptions,
  PutResult,
  StorageDriver,
  StorageObjectInfo,
} from "../driver";
import { assertValidKey, assertValidPrefix } from "../keys";
import { checksumMismatch, UploadMeter } from "../meter";
import { resolveRange } from "../range";

export interface S3DriverConfig {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}

// Requests go through `send`, which tests replace with an in-memory bucket; presigning is a
// computation over the client's configuration and credentials, and sends nothing.
export type S3Sender = S3Client;

const SSE = "AES256" as const;
const MIN_PART_BYTES = 8 * 1024 ** 2;
// S3 allows at most 10,000 parts per upload.
const MAX_PARTS = 10_000;

export function partSizeFor(maxBytes: number): number {
  return Math.max(MIN_PART_BYTES, Math.ceil(maxBytes / MAX_PARTS));
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null || !("$metadata" in error)) return undefined;
  const meta = (error as { $metadata?: { httpStatusCode?: number } }).$metadata;
  return meta?.httpStatusCode;
}

function isNotFound(error: unknown): boolean {
  const name = error instanceof Error ? error.name : "";
  return name === "NoSuchKey" || name === "NotFound" || statusOf(error) === 404;
}

// Builds leave for the bucket over TLS; plain HTTP only to a gateway on this machine.
export function assertEncryptedEndpoint(endpoint: string | undefined): void {
  if (!endpoint) return;
  const url = new URL(endpoint);
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !loopback) {
    throw new Error("S3_ENDPOINT must use https:// (plain http is allowed only for localhost)");
  }
}

export function createS3Client(config: S3DriverConfig): S3Client {
  assertEncryptedEndpoint(config.endpoint);
  return new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials:
      config.accessKeyId && config.secretAccessKey
        ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
        : undefined,
  });
}

function toReadable(body: unknown): Readable {
  if (body instanceof Readable) return body;
  if (body && typeof body === "object" && "transformToWebStream" in body) {
    const web = (
      body as { transformToWebStream: () => ReadableStream<Uint8Array> }
    ).transformToWebStream();
    return Readable.fromWeb(web as import("node:stream/web").ReadableStream<Uint8Array>);
  }
  return Readable.from([]);
}

export class S3StorageDriver implements StorageDriver {
  constructor(
    private readonly bucket: string,
    private readonly client: S3Sender,
  ) {}

  async put(key: string, stream: Readable, options: PutOptions): Promise<PutResult> {
    assertValidKey(key);
    const meter = new UploadMeter(options.maxBytes);
    const partSize = partSizeFor(options.maxBytes);
    const parts: CompletedPart[] = [];
    let uploadId: string | undefined;
    let part = Buffer.allocUnsafe(0);
    let filled = 0;

    const uploadPart = async (body: Buffer) => {
      uploadId ??= (
        await this.client.send(
          new CreateMultipartUploadCommand({
            Bucket: this.bucket,
            Key: key,
            ServerSideEncryption: SSE,
          }),
        )
      ).UploadId;
      if (!uploadId) throw new Error("S3 returned no upload id");
      const PartNumber = parts.length + 1;
      const out = await this.client.send(
        new UploadPartCommand({
          Bucket: this.bucket,
          Key: key,
          UploadId: uploadId,
          PartNumber,
          Body: body,
          ContentLength: body.byteLength,
        }),
      );
      parts.push({ ETag: out.ETag, PartNumber });
    };

    try {
      await pipeline(stream, meter, async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of source) {
          let offset = 0;
          while (offset < chunk.byteLength) {
            if (part.byteLength === 0) part = Buffer.allocUnsafe(partSize);
            const n = chunk.copy(part, filled, offset);
            filled += n;
            offset += n;
            if (filled === partSize) {
              await uploadPart(part);
              part = Buffer.allocUnsafe(0);
              filled = 0;
            }
          }
        }
      });
      const sha256 = meter.sha256();
      if (options.expectedSha256 !== undefined && options.expectedSha256 !== sha256) {
        throw checksumMismatch(options.expectedSha256, sha256);
      }
      const rest = part.subarray(0, filled);
      if (uploadId === undefined) {
        await this.client.send(
          new PutObjectCommand({
            Bucket: this.bucket,
            Key: key,
            Body: rest,
            ContentLength: rest.byteLength,
            ServerSideEncryption: SSE,
          }),
        );
      } else {
        if (rest.byteLength > 0) await uploadPart(rest);
        await this.client.send(
          new CompleteMultipartUploadCommand({
            Bucket: this.bucket,
            Key: key,
            UploadId: uploadId,
            MultipartUpload: { Parts: parts },
          }),
        );
      }
      return { size: meter.size, sha256 };
    } catch (error) {
      if (uploadId !== undefined) await this.abort(key, uploadId);
      throw error;
    }
  }

  private async abort(key: string, uploadId: string): Promise<void> {
    try {
      await this.client.send(
        new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }),
      );
    } catch {
      // The original error is the one to report. Parts an abort failed to discard are invisible
      // and are removed by the bucket's lifecycle rule for incomplete multipart uploads.
    }
  }

  async get(key: string, options: GetOptions = {}): Promise<GetResult> {
    assertValidKey(key);
    const ranged = options.start !== undefined || options.end !== undefined;
    // A ranged read learns the object's size first so the range rules are those of every driver.
    let range: { start: number; end: number; size: number } | undefined;
    let totalSize: number | undefined;
    if (ranged) {
      const head = await this.head(key);
      if (!head) throw new AppError("not_found", "The object does not exist.");
      totalSize = head.size;
      range = resolveRange(options, head.size);
    }
    try {
      const out = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      const size = out.ContentLength ?? 0;
      return { stream: toReadable(out.Body), size, totalSize: totalSize ?? size };
    } catch (error) {
      if (isNotFound(error)) throw new AppError("not_found", "The object does not exist.");
      throw error;
    }
  }

  async presignGet(key: string, options: PresignOptions): Promise<string> {
    assertValidKey(key);
    return getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: `attachment; filename="${options.fileName}"`,
        ResponseContentType: "application/octet-stream",
        ResponseCacheControl: "private, no-store",
      }),
      { expiresIn: options.expiresInSeconds },
    );
  }

  async head(key: string): Promise<{ size: number } | null> {
    assertValidKey(key);
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: out.ContentLength ?? 0 };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async list(prefix: string): Promise<StorageObjectInfo[]> {
    assertValidPrefix(prefix);
    const found: StorageObjectInfo[] = [];
    let token: string | undefined;
    do {
      const out = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix || undefined,
          ContinuationToken: token,
        }),
      );
      for (const item of out.Contents ?? []) {
        if (item.Key !== undefined) found.push({ key: item.Key, size: item.Size ?? 0 });
      }
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}
