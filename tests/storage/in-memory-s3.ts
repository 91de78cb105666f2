// An in-memory S3 bucket behind S3Client.send: the request layer is replaced, everything above it
// (the driver's use of commands, multipart bookkeeping, error shapes) is real. It follows S3's
// rules that matter to the driver: objects appear only on PutObject or CompleteMultipartUpload,
// parts other than the last must be at least 5 MiB, ranges are inclusive and clamped.
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { createHash, randomUUID } from "node:crypto";
import { Readable } from "node:stream";

const MIN_PART = 5 * 1024 ** 2;

interface StoredObject {
  body: Buffer;
  serverSideEncryption?: string;
}

interface PendingUpload {
  key: string;
  serverSideEncryption?: string;
  parts: Map<number, Buffer>;
}

export interface RecordedCall {
  command: string;
  input: Record<string, unknown>;
  bodyBytes?: number;
}

const meta = (status: number) => ({ httpStatusCode: status });

function serviceError(name: string, status: number, message: string): S3ServiceException {
  return new S3ServiceException({ name, $fault: "client", $metadata: meta(status), message });
}

export class InMemoryBucket {
  readonly objects = new Map<string, StoredObject>();
  readonly uploads = new Map<string, PendingUpload>();
  readonly calls: RecordedCall[] = [];
  pageSize = 1000;

  constructor(readonly name: string) {}

  // A real S3Client whose send() talks to this bucket.
  client(): S3Client {
    const client = new S3Client({
      region: "eu-test-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    });
    (client as unknown as { send: (command: unknown) => Promise<unknown> }).send = (command) =>
      this.handle(command);
    return client;
  }

  private checkBucket(input: { Bucket?: string }): void {
    if (input.Bucket !== this.name)
      throw serviceError("NoSuchBucket", 404, "The specified bucket does not exist");
  }

  async handle(command: unknown): Promise<unknown> {
    if (command instanceof PutObjectCommand) {
      const { input } = command;
      this.checkBucket(input);
      const body = Buffer.from(input.Body as Uint8Array);
      this.calls.push({
        command: "PutObject",
        input: { ...input, Body: undefined },
        bodyBytes: body.byteLength,
      });
      if (input.ContentLength !== body.byteLength)
        throw serviceError("BadDigest", 400, "Content-Length mismatch");
      this.objects.set(String(input.Key), {
        body,
        serverSideEncryption: input.ServerSideEncryption,
      });
      return { ETag: `"${createHash("md5").update(body).digest("hex")}"`, $metadata: meta(200) };
    }
    if (command instanceof CreateMultipartUploadCommand) {
      const { input } = command;
      this.checkBucket(input);
      this.calls.push({ command: "CreateMultipartUpload", input: { ...input } });
      const uploadId = randomUUID();
      this.uploads.set(uploadId, {
        key: String(input.Key),
        serverSideEncryption: input.ServerSideEncryption,
        parts: new Map(),
      });
      return { UploadId: uploadId, $metadata: meta(200) };
    }
    if (command instanceof UploadPartCommand) {
      const { input } = command;
      this.checkBucket(input);
      const upload = this.uploads.get(String(input.UploadId));
      if (!upload || upload.key !== input.Key)
        throw serviceError("NoSuchUpload", 404, "The upload does not exist");
      // Copy: a caller may reuse its buffer once send() resolves.
      const body = Buffer.from(input.Body as Uint8Array);
      this.calls.push({
        command: "UploadPart",
        input: { ...input, Body: undefined },
        bodyBytes: body.byteLength,
      });
      upload.parts.set(Number(input.PartNumber), body);
      return {
        ETag: `"part-${input.PartNumber}-${createHash("md5").update(body).digest("hex")}"`,
        $metadata: meta(200),
      };
    }
    if (command instanceof CompleteMultipartUploadCommand) {
      const { input } = command;
      this.checkBucket(input);
      this.calls.push({ command: "CompleteMultipartUpload", input: { ...input } });
      const upload = this.uploads.get(String(input.UploadId));
      if (!upload) throw serviceError("NoSuchUpload", 404, "The upload does not exist");
      const listed = input.MultipartUpload?.Parts ?? [];
      const bodies = listed.map((part, index) => {
        const body = upload.parts.get(Number(part.PartNumber));
        const etag =
          body && `"part-${part.PartNumber}-${createHash("md5").update(body).digest("hex")}"`;
        if (!body || etag !== part.ETag)
          throw serviceError("InvalidPart", 400, "A part is missing or its ETag differs");
        if (index < listed.length - 1 && body.byteLength < MIN_PART)
          throw serviceError("EntityTooSmall", 400, "Part too small");
        return body;
      });
      this.objects.set(upload.key, {
        body: Buffer.concat(bodies),
        serverSideEncryption: upload.serverSideEncryption,
      });
      this.uploads.delete(String(input.UploadId));
      return { $metadata: meta(200) };
    }
    if (command instanceof AbortMultipartUploadCommand) {
      const { input } = command;
      this.checkBucket(input);
      this.calls.push({ command: "AbortMultipartUpload", input: { ...input } });
      this.uploads.delete(String(input.UploadId));
      return { $metadata: meta(204) };
    }
    if (command instanceof GetObjectCommand) {
      const { input } = command;
      this.checkBucket(input);
      this.calls.push({ command: "GetObject", input: { ...input } });
      const object = this.objects.get(String(input.Key));
      if (!object)
        throw new NoSuchKey({ message: "The specified key does not exist.", $metadata: meta(404) });
      const total = object.body.byteLength;
      let start = 0;
      let end = total - 1;
      if (input.Range) {
        const match = /^bytes=(\d+)-(\d*)$/.exec(input.Range);
        if (!match) throw serviceError("InvalidArgument", 400, "Bad range");
        start = Number(match[1]);
        end = match[2] ? Math.min(Number(match[2]), total - 1) : total - 1;
        if (start >= total)
          throw serviceError("InvalidRange", 416, "The requested range is not satisfiable");
      }
      const slice = object.body.subarray(start, end + 1);
      return {
        Body: Readable.from(slice.byteLength ? [Buffer.from(slice)] : []),
        ContentLength: slice.byteLength,
        ContentRange: input.Range ? `bytes ${start}-${end}/${total}` : undefined,
        $metadata: meta(input.Range ? 206 : 200),
      };
    }
    if (command instanceof HeadObjectCommand) {
      const { input } = command;
      this.checkBucket(input);
      this.calls.push({ command: "HeadObject", input: { ...input } });
      const object = this.objects.get(String(input.Key));
      if (!object) throw new NotFound({ message: "Not Found", $metadata: meta(404) });
      return {
        ContentLength: object.body.byteLength,
        ServerSideEncryption: object.serverSideEncryption,
        $metadata: meta(200),
      };
    }
    if (command instanceof DeleteObjectCommand) {
      const { input } = command;
      this.checkBucket(input);
      this.calls.push({ command: "DeleteObject", input: { ...input } });
      this.objects.delete(String(input.Key));
      return { $metadata: meta(204) };
    }
    if (command instanceof ListObjectsV2Command) {
      const { input } = command;
      this.checkBucket(input);
      this.calls.push({ command: "ListObjectsV2", input: { ...input } });
      const prefix = input.Prefix ?? "";
      const keys = [...this.objects.keys()]
        .filter(
          (key) =>
            key.startsWith(prefix) && (!input.ContinuationToken || key > input.ContinuationToken),
        )
        .sort();
      const page = keys.slice(0, this.pageSize);
      const truncated = keys.length > page.length;
      return {
        Contents: page.map((key) => ({
          Key: key,
          Size: this.objects.get(key)?.body.byteLength ?? 0,
        })),
        KeyCount: page.length,
        IsTruncated: truncated,
        NextContinuationToken: truncated ? page[page.length - 1] : undefined,
        $metadata: meta(200),
      };
    }
    throw new Error(
      `the in-memory bucket does not implement ${(command as object).constructor.name}`,
    );
  }
}
