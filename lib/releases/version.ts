// Release versions are strict semantic versions in canonical form: no "v" prefix, no
// surrounding spaces, and no build metadata (which semver ignores for ordering, so two versions
// differing only in it could not be told apart). The parts become sort columns.
import semver from "semver";

export const MAX_VERSION_LENGTH = 64;
const MAX_INT32 = 2 ** 31 - 1;

export interface VersionParts {
  major: number;
  minor: number;
  patch: number;
  prerelease: string | null;
}

export function parseStrictVersion(version: string): VersionParts | null {
  if (version.length > MAX_VERSION_LENGTH || semver.valid(version) !== version) return null;
  const parsed = semver.parse(version);
  if (!parsed || parsed.build.length > 0) return null;
  if ([parsed.major, parsed.minor, parsed.patch].some((n) => n > MAX_INT32)) return null;
  return {
    major: parsed.major,
    minor: parsed.minor,
    patch: parsed.patch,
    prerelease: parsed.prerelease.length > 0 ? parsed.prerelease.join(".") : null,
  };
}

export function isStrictVersion(version: string): boolean {
  return parseStrictVersion(version) !== null;
}
