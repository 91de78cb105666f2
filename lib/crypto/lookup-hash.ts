// A keyed hash (HMAC-SHA256) for finding a secret without storing it: license keys are looked up
// by this digest. Without the HMAC key a stolen table gives no way to test guesses offline.
import { createHmac } from "node:crypto";
import { env } from "@/lib/env";

export function lookupHash(value: string, key: string = env().LICENSE_HMAC_KEY): string {
  return createHmac("sha256", key).update(value, "utf8").digest("hex");
}
