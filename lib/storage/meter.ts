// A pass-through that hashes and counts the bytes flowing through it and stops the flow as soon
// as the size limit is passed, so an oversized upload is refused without ever being stored.
import { createHash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import { AppError } from "@/lib/errors/app-error";

export class UploadMeter extends Transform {
  private readonly hash = createHash("sha256");
  private bytes = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.byteLength;
    if (this.bytes > this.maxBytes) {
      callback(tooLarge(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }

  get size(): number {
    return this.bytes;
  }

  // Only after the stream has ended.
  sha256(): string {
    return this.hash.digest("hex");
  }
}

export function tooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `The file exceeds the limit of ${maxBytes} bytes.`, {
    maxBytes,
  });
}

export function checksumMismatch(declared: string, computed: string): AppError {
  return new AppError("unprocessable", "The file's SHA-256 does not match the declared checksum.", {
    errors: [{ path: "sha256", message: `declared ${declared}, received ${computed}` }],
  });
}
