// The configured driver of this process. Imported only by storage-access.ts: everything else
// goes through storageFor(), which audits every call.
import { env } from "@/lib/env";
import type { StorageDriver } from "../driver";
import { LocalStorageDriver } from "./local";
import { createS3Client, S3StorageDriver } from "./s3";

let cached: { signature: string; driver: StorageDriver } | undefined;

export function configuredStorageDriver(): StorageDriver {
  const e = env();
  const signature = e.STORAGE_DRIVER === "s3" ? `s3:${e.s3?.bucket}` : `local:${e.STORAGE_DIR}`;
  if (cached?.signature === signature) return cached.driver;
  let driver: StorageDriver;
  if (e.STORAGE_DRIVER === "s3") {
    // lib/env.ts refuses STORAGE_DRIVER=s3 without a bucket and region.
    if (!e.s3) throw new Error("STORAGE_DRIVER=s3 needs S3_BUCKET and S3_REGION");
    driver = new S3StorageDriver(e.s3.bucket, createS3Client(e.s3));
  } else {
    driver = new LocalStorageDriver(e.STORAGE_DIR);
  }
  cached = { signature, driver };
  return driver;
}
