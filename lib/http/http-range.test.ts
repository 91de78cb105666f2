import { describe, expect, it } from "vitest";
import { etagFor, ifRangeAllows, parseRange } from "./http-range";

describe("parseRange", () => {
  it.each([
    [null, { kind: "full" }],
    ["bytes=0-99", { kind: "partial", start: 0, end: 99 }],
    ["bytes=100-", { kind: "partial", start: 100, end: 999 }],
    ["bytes=900-5000", { kind: "partial", start: 900, end: 999 }],
    ["bytes=-10", { kind: "partial", start: 990, end: 999 }],
    ["bytes=-5000", { kind: "partial", start: 0, end: 999 }],
    ["bytes=999-999", { kind: "partial", start: 999, end: 999 }],
    // Ignored (the whole file): other units, several ranges, bad syntax, reversed bounds.
    ["items=0-1", { kind: "full" }],
    ["bytes=0-1,5-6", { kind: "full" }],
    ["bytes=abc", { kind: "full" }],
    ["bytes=-", { kind: "full" }],
    ["bytes=10-5", { kind: "full" }],
    ["bytes=0-9999999999999999", { kind: "full" }],
    // Unsatisfiable.
    ["bytes=1000-", { kind: "unsatisfiable" }],
    ["bytes=5000-6000", { kind: "unsatisfiable" }],
    ["bytes=-0", { kind: "unsatisfiable" }],
  ])("%s of a 1000-byte file → %o", (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });

  it("cannot satisfy any range of an empty file", () => {
    expect(parseRange("bytes=0-", 0)).toEqual({ kind: "unsatisfiable" });
    expect(parseRange("bytes=-1", 0)).toEqual({ kind: "unsatisfiable" });
  });
});

describe("ifRangeAllows", () => {
  const etag = etagFor("ab".repeat(32));
  it("keeps the range only for the identical strong ETag", () => {
    expect(ifRangeAllows(null, etag)).toBe(true);
    expect(ifRangeAllows(etag, etag)).toBe(true);
    expect(ifRangeAllows(`W/${etag}`, etag)).toBe(false);
    expect(ifRangeAllows(`"${"cd".repeat(32)}"`, etag)).toBe(false);
    expect(ifRangeAllows("Wed, 21 Oct 2015 07:28:00 GMT", etag)).toBe(false);
  });
});
