import semver from "semver";

// Newest first by semver precedence: a release beats any prerelease of the same version, and
// prerelease identifiers compare numerically where numeric (rc.10 > rc.2).
export function byVersionDescending<T extends { version: string }>(a: T, b: T): number {
  return semver.rcompare(a.version, b.version);
}
