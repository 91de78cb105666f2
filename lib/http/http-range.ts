// HTTP range requests for downloads (RFC 9110 §14): one byte range per request, which is what
// resuming agents and browsers send. A header the server may ignore (another unit, several
// ranges, bad syntax) means "send the whole file"; a range starting past the end is a 416.
// If-Range makes a range conditional on the ETag: a resumed download of a file that changed
// receives the whole new file instead of a splice of two files.

export type RangeDecision =
  { kind: "full" } | { kind: "partial"; start: number; end: number } | { kind: "unsatisfiable" };

const SINGLE = /^bytes=(\d{0,15})-(\d{0,15})$/;

export function parseRange(header: string | null, size: number): RangeDecision {
  if (header === null) return { kind: "full" };
  const match = SINGLE.exec(header.trim());
  if (!match) return { kind: "full" };
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return { kind: "full" };
  if (first === "") {
    // A suffix: the last N bytes.
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? size - 1 : Number(last);
  // last < first is invalid syntax, which a server ignores.
  if (last !== "" && end < start) return { kind: "full" };
  if (start >= size) return { kind: "unsatisfiable" };
  return { kind: "partial", start, end: Math.min(end, size - 1) };
}

// Strong comparison: only an identical strong ETag keeps the range. A date (we send no
// Last-Modified) or a weak tag cannot validate, so the whole file is sent.
export function ifRangeAllows(header: string | null, etag: string): boolean {
  if (header === null) return true;
  return header.trim() === etag;
}

export function etagFor(sha256: string): string {
  return `"${sha256}"`;
}
