// The rule for an artifact's file name, in one place for the server's schema and the staff
// portal's upload form: the form checks it before it sends a byte, the server before it reads
// the body. No spaces and no folders, so the name is safe in a download's
// Content-Disposition and on any file system.
export const ARTIFACT_FILE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,199}$/;

export const ARTIFACT_FILE_NAME_RULE =
  "Use letters, digits and . _ + - only (no spaces or folders), start with a letter or digit, at most 200 characters.";

// Why the name cannot be used, for the person who typed it; null when it is fine.
export function artifactFileNameProblem(name: string): string | null {
  return ARTIFACT_FILE_NAME_PATTERN.test(name)
    ? null
    : `"${name.slice(0, 60)}" cannot be used as a file name. ${ARTIFACT_FILE_NAME_RULE}`;
}
