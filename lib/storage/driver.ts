// The contract every storage backend fulfils. Only lib/storage may hold a driver: the rest of the
// application reaches storage through storageFor() (storage-access.ts), which audits each call.
import type { Readable } from "node:stream";

export interface PutOptions {
  // Enforced while streaming: the upload is cut off as soon as it passes the limit.
  maxBytes: number;
  // Lowercase hex. When given, a mismatch discards the upload and nothing becomes visible.
  expectedSha256?: string;
}

export interface PutResult {
  size: number;
  sha256: string;
}

// Byte offsets, both inclusive (HTTP Range semantics); `end` past the object is clamped.
export interface GetOptions {
  start?: number;
  end?: number;
}

export interface GetResult {
  stream: Readable;
  // Bytes this read will deliver (the range's length).
  size: number;
  // Size of the whole object.
  totalSize: number;
}

export interface StorageObjectInfo {
  key: string;
  size: number;
}

// A time-limited URL the client fetches the object from directly (the driver's store serves the
// bytes and any Range itself), named for download as `fileName`.
export interface PresignOptions {
  expiresInSeconds: number;
  fileName: string;
}

export interface StorageDriver {
  put(key: string, stream: Readable, options: PutOptions): Promise<PutResult>;
  // A missing object is AppError("not_found"); a start past the end is "range_not_satisfiable".
  get(key: string, options?: GetOptions): Promise<GetResult>;
  head(key: string): Promise<{ size: number } | null>;
  // Idempotent: deleting a missing object succeeds.
  delete(key: string): Promise<void>;
  // Objects whose key starts with `prefix`, sorted by key.
  list(prefix: string): Promise<StorageObjectInfo[]>;
  // null when the store has no URLs of its own (local files).
  presignGet(key: string, options: PresignOptions): Promise<string | null>;
}

export type StorageMethod = keyof StorageDriver;

// The driver's methods as data, so tests can prove that the access layer wraps and audits every
// one. The Record type fails to compile if the interface gains a method that is not listed here.
const METHODS: Record<StorageMethod, true> = {
  put: true,
  get: true,
  head: true,
  delete: true,
  list: true,
  presignGet: true,
};
export const STORAGE_METHODS = Object.keys(METHODS) as StorageMethod[];
