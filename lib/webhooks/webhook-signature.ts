// Signing a delivery: HMAC-SHA256 with the endpoint's secret over `${t}.${body}`, t the Unix time
// in seconds, sent as `Tollgate-Signature: t=<t>,v1=<hex>`. The receiver's side of it is the
// recipe in docs/audit.md ("Webhooks"); tests run that recipe as written.
import { createHmac, randomBytes } from "node:crypto";

export const SIGNATURE_HEADER = "Tollgate-Signature";
// Receivers should refuse a signature whose timestamp is further than this from their clock.
export const REPLAY_WINDOW_SECONDS = 300;

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

export function signatureHeader(secret: string, body: string, t: number): string {
  const v1 = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  return `t=${t},v1=${v1}`;
}
