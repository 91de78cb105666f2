// The update answer is signed as the exact bytes of the response body, with the release-signing
// key, and the detached signature travels in a header:
//
//   X-Tollgate-Signature: keyId=<key id>, sig=<base64 Ed25519 signature>
//
// The body carries `"format":"tollgate-update-answer-v1"`, which separates it from the other
// JSON the same key signs (release manifests); verifiers check it. Shared by the server and the
// reference agent, so there is one definition of the header.
import type { Signature } from "@/lib/signing/sign-bytes";

const HEADER = /^keyId=([A-Za-z0-9._-]{1,64}),\s*sig=([A-Za-z0-9+/]{86}==)$/;

export function formatSignatureHeader(signed: Signature): string {
  return `keyId=${signed.keyId}, sig=${signed.signature}`;
}

export function parseSignatureHeader(value: string | null): Signature | null {
  if (value === null) return null;
  const match = HEADER.exec(value.trim());
  if (!match?.[1] || !match[2]) return null;
  return { keyId: match[1], signature: match[2] };
}
