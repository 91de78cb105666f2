// Object keys are relative paths of plain segments. The rules keep the local driver inside its
// root (no "..", no absolute paths, no backslashes) and keep keys apart from the driver's own
// temporary files, whose names start with a dot.
import { AppError } from "@/lib/errors/app-error";

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._+-]{0,199}$/;
const MAX_KEY_LENGTH = 512;

export function isValidKey(key: string): boolean {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) return false;
  return key.split("/").every((segment) => SEGMENT.test(segment));
}

export function assertValidKey(key: string): void {
  if (!isValidKey(key)) {
    throw new AppError("bad_request", "The storage key is not valid.", {
      errors: [{ path: "key", message: "segments of letters, digits, . _ + - separated by /" }],
    });
  }
}

// A prefix is a key, a key followed by "/", or empty (everything).
export function assertValidPrefix(prefix: string): void {
  if (prefix === "") return;
  const trimmed = prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
  if (!isValidKey(trimmed)) {
    throw new AppError("bad_request", "The storage prefix is not valid.", {
      errors: [{ path: "prefix", message: "segments of letters, digits, . _ + - separated by /" }],
    });
  }
}
