// Accepting a downloaded file: its size and SHA-256 must be the ones the signed answer named, and
// the artifact signature (the canonical message of lib/signing/artifact-signature.ts, the one
// definition shared with the server) must verify with a pinned key for this product, version
// and platform, so a valid build of another product or version cannot be passed off as this one.
import { createHash, type KeyObject } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { artifactSigningMessage } from "../lib/signing/artifact-signature";
import { AgentError, EXIT } from "./errors";
import { verifiedByPinnedKey } from "./keys";

export interface ExpectedArtifact {
  product: string;
  version: string;
  platform: string;
  arch: string;
  size: number;
  sha256: string;
  signature: string;
}

const reject = (why: string, code: string) =>
  new AgentError(EXIT.ARTIFACT_REJECTED, `Refusing the download: ${why}.`, code);

export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export function artifactSignatureValid(
  expected: ExpectedArtifact,
  keys: readonly KeyObject[],
): boolean {
  let message: string;
  try {
    message = artifactSigningMessage(expected);
  } catch {
    return false;
  }
  return verifiedByPinnedKey(Buffer.from(message, "utf8"), expected.signature, keys);
}

export async function verifyArtifactFile(
  path: string,
  expected: ExpectedArtifact,
  keys: readonly KeyObject[],
): Promise<void> {
  // The signature first: it vouches for the size and hash the file is then held to.
  if (!artifactSignatureValid(expected, keys))
    throw reject(
      "the artifact signature does not verify with the pinned public key",
      "signature_invalid",
    );
  const { size } = await stat(path);
  if (size !== expected.size)
    throw reject(`expected ${expected.size} bytes, received ${size}`, "size_mismatch");
  const sha256 = await sha256File(path);
  if (sha256 !== expected.sha256.toLowerCase())
    throw reject(
      `SHA-256 mismatch (expected ${expected.sha256}, got ${sha256})`,
      "checksum_mismatch",
    );
}
