// The one way into the update storage. Every call records a "storage.accessed" audit event: who
// (with roles and effective permissions, snapshotted by recordAudit), from where, which method,
// which object, how many bytes, and whether it worked. Reads are recorded when the stream ends
// or is abandoned, with the bytes actually handed on, so a download cut short shows as such.
//
// The events are written on their own, not inside the caller's transaction: an access happened
// whether or not the caller's database change later commits.
import { finished, pipeline, Transform, type Readable, type TransformCallback } from "node:stream";
import type { Logger } from "pino";
import type { Actor } from "@/lib/authz/actor";
import { recordAudit, type AuditRequestInfo } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { log as rootLog } from "@/lib/log";
import type {
  GetOptions,
  GetResult,
  PresignOptions,
  PutOptions,
  PutResult,
  StorageDriver,
  StorageMethod,
  StorageObjectInfo,
} from "./driver";
import { configuredStorageDriver } from "./drivers";

export interface StorageAccessContext {
  actor: Actor;
  request?: AuditRequestInfo & { log?: Logger };
}

export interface StorageReadOutcome {
  bytesSent: number;
  // True when the whole requested range was handed on.
  complete: boolean;
  // False when the audit event could not be written (logged as an error).
  audited: boolean;
}

export interface AuditedRead extends GetResult {
  // Settles once the stream has ended or been abandoned and the access is recorded.
  done: Promise<StorageReadOutcome>;
}

export interface AuditedStorage {
  put(key: string, stream: Readable, options: PutOptions): Promise<PutResult>;
  get(key: string, options?: GetOptions): Promise<AuditedRead>;
  head(key: string): Promise<{ size: number } | null>;
  delete(key: string): Promise<void>;
  list(prefix: string): Promise<StorageObjectInfo[]>;
  presignGet(key: string, options: PresignOptions): Promise<string | null>;
}

// Compile-time proof that the access layer offers every driver method and nothing less.
type Covers<T extends Record<StorageMethod, unknown>> = T;
export type AuditedStorageCoversDriver = Covers<AuditedStorage>;

class ByteCounter extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.byteLength;
    callback(null, chunk);
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof AppError) return error.message;
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 500) : "unknown error";
}

interface AccessRecord {
  method: StorageMethod;
  key: string;
  bytes: number;
  error?: unknown;
  reason?: string;
  details?: Record<string, unknown>;
}

export function storageFor(
  context: StorageAccessContext,
  driver: StorageDriver = configuredStorageDriver(),
): AuditedStorage {
  const { actor, request } = context;
  const logger = request?.log ?? rootLog;

  const record = async (access: AccessRecord): Promise<void> => {
    const failed = access.error !== undefined || access.reason !== undefined;
    await recordAudit(db(), {
      action: "storage.accessed",
      actor,
      request,
      result: failed ? "FAILURE" : "SUCCESS",
      reason: access.reason ?? (access.error !== undefined ? reasonOf(access.error) : undefined),
      target: { type: "storage_object", id: access.key },
      metadata: { method: access.method, key: access.key, bytes: access.bytes, ...access.details },
    });
  };

  // Runs a non-streaming call and records its outcome either way.
  const audited = async <T>(
    method: StorageMethod,
    key: string,
    call: () => Promise<T>,
    describe: (value: T) => Record<string, unknown>,
  ): Promise<T> => {
    let value: T;
    try {
      value = await call();
    } catch (error) {
      await record({ method, key, bytes: 0, error });
      throw error;
    }
    await record({ method, key, bytes: 0, details: describe(value) });
    return value;
  };

  return {
    async put(key, stream, options) {
      const counter = new ByteCounter();
      // Errors travel both ways: a failing source aborts the driver, a failing driver the source.
      const counted = pipeline(stream, counter, () => undefined);
      try {
        const result = await driver.put(key, counted, options);
        await record({
          method: "put",
          key,
          bytes: result.size,
          details: { sha256: result.sha256 },
        });
        return result;
      } catch (error) {
        // Release the source if the driver gave up before reading all of it.
        counted.destroy();
        await record({ method: "put", key, bytes: counter.bytes, error });
        throw error;
      }
    },

    async get(key, options = {}) {
      let result: GetResult;
      try {
        result = await driver.get(key, options);
      } catch (error) {
        await record({ method: "get", key, bytes: 0, error, details: { range: options } });
        throw error;
      }
      const counter = new ByteCounter();
      pipeline(result.stream, counter, () => undefined);
      const done = new Promise<StorageReadOutcome>((resolve) => {
        finished(counter, (error) => {
          const bytesSent = counter.bytes;
          const complete = !error && bytesSent === result.size;
          const details = { range: options, size: result.size, totalSize: result.totalSize };
          record({
            method: "get",
            key,
            bytes: bytesSent,
            reason: complete ? undefined : "the read ended before the whole range was delivered",
            details,
          }).then(
            () => resolve({ bytesSent, complete, audited: true }),
            (auditError: unknown) => {
              logger.error({ err: auditError, key }, "could not audit a storage read");
              resolve({ bytesSent, complete, audited: false });
            },
          );
        });
      });
      return { stream: counter, size: result.size, totalSize: result.totalSize, done };
    },

    head: (key) =>
      audited(
        "head",
        key,
        () => driver.head(key),
        (value) => ({ found: value !== null, size: value?.size ?? null }),
      ),

    delete: (key) =>
      audited(
        "delete",
        key,
        () => driver.delete(key),
        () => ({}),
      ),

    list: (prefix) =>
      audited(
        "list",
        prefix,
        () => driver.list(prefix),
        (value) => ({ count: value.length }),
      ),

    // The URL itself is a credential for its lifetime: recorded as issued, never its text.
    presignGet: (key, options) =>
      audited(
        "presignGet",
        key,
        () => driver.presignGet(key, options),
        (value) => ({ issued: value !== null, expiresInSeconds: options.expiresInSeconds }),
      ),
  };
}
