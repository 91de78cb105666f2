// What an artifact's signature covers. The message names the product, version, platform, size
// and hash, and starts with a format tag, so a signature cannot be replayed for another
// artifact, another release, or as a signature over some other kind of signed document.
import type { Keyring } from "./keyring";
import { signBytes, verifyBytes, type Signature } from "./sign-bytes";

export const ARTIFACT_MESSAGE_FORMAT = "tollgate-artifact-v1";

export interface ArtifactSigningFields {
  product: string;
  version: string;
  platform: string;
  arch: string;
  size: number;
  sha256: string;
}

//   tollgate-artifact-v1\n<product>\n<version>\n<platform>/<arch>\n<size>\n<sha256>
export function artifactSigningMessage(fields: ArtifactSigningFields): string {
  const parts = [fields.product, fields.version, fields.platform, fields.arch, fields.sha256];
  if (parts.some((part) => part.length === 0 || /[\n\r/]/.test(part))) {
    throw new TypeError(
      "artifact signing fields must be non-empty and free of newlines and slashes",
    );
  }
  if (!Number.isSafeInteger(fields.size) || fields.size < 0)
    throw new TypeError("size must be a byte count");
  return [
    ARTIFACT_MESSAGE_FORMAT,
    fields.product,
    fields.version,
    `${fields.platform}/${fields.arch}`,
    String(fields.size),
    fields.sha256.toLowerCase(),
  ].join("\n");
}

export function signArtifact(fields: ArtifactSigningFields, keyring?: Keyring): Signature {
  return signBytes(artifactSigningMessage(fields), keyring);
}

export function verifyArtifactSignature(
  fields: ArtifactSigningFields,
  signed: Signature,
  keyring?: Keyring,
): boolean {
  return verifyBytes(artifactSigningMessage(fields), signed, keyring);
}
