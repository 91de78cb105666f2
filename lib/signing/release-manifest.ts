// The signed description of a published release: canonical JSON (canonical-json.ts) of the
// product, version, channel and every artifact with its size and hash. The format member
// separates it from other JSON the same key signs (update answers).
import { canonicalJson } from "./canonical-json";
import type { Keyring } from "./keyring";
import { signBytes, verifyBytes, type Signature } from "./sign-bytes";

export const RELEASE_MANIFEST_FORMAT = "tollgate-release-manifest-v1";

export interface ManifestArtifact {
  platform: string;
  arch: string;
  fileName: string;
  size: number;
  sha256: string;
}

export interface ReleaseManifest {
  format: typeof RELEASE_MANIFEST_FORMAT;
  product: string;
  version: string;
  channel: string;
  artifacts: ManifestArtifact[];
}

// Not localeCompare: the order must not depend on the server's locale.
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function buildReleaseManifest(input: {
  product: string;
  version: string;
  channel: string;
  artifacts: readonly ManifestArtifact[];
}): ReleaseManifest {
  const artifacts = input.artifacts
    .map(({ platform, arch, fileName, size, sha256 }) => ({
      platform,
      arch,
      fileName,
      size,
      sha256,
    }))
    .sort((a, b) => byCodeUnits(`${a.platform}/${a.arch}`, `${b.platform}/${b.arch}`));
  return {
    format: RELEASE_MANIFEST_FORMAT,
    product: input.product,
    version: input.version,
    channel: input.channel,
    artifacts,
  };
}

export function releaseManifestBytes(manifest: ReleaseManifest): string {
  return canonicalJson({ ...manifest, artifacts: manifest.artifacts.map((a) => ({ ...a })) });
}

export function signReleaseManifest(manifest: ReleaseManifest, keyring?: Keyring): Signature {
  return signBytes(releaseManifestBytes(manifest), keyring);
}

export function verifyReleaseManifest(
  manifest: ReleaseManifest,
  signed: Signature,
  keyring?: Keyring,
): boolean {
  return verifyBytes(releaseManifestBytes(manifest), signed, keyring);
}
