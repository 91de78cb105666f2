import { describe, expect, it } from "vitest";
import { findUnstorable, isStorableText, sanitizeText, sanitizeValue } from "./storable-text";

describe("storable text", () => {
  it.each([
    ["a\u0000b", false],
    ["\ud800", false],
    ["x\udc00", false],
    ["\udc00\ud800", false],
    ["\u{1F600}", true],
    ["plain ascii, é, 中文", true],
  ])("isStorableText(%j) is %s", (text, storable) => {
    expect(isStorableText(text)).toBe(storable);
  });

  it("finds the path of the first unstorable string or key in nested input", () => {
    expect(findUnstorable({ a: [{ b: "ok" }, { c: "x\u0000" }] })).toEqual(["a", "1", "c"]);
    expect(findUnstorable({ ok: { "\u0000": 1 } })).toEqual(["ok", "\uFFFD"]);
    expect(findUnstorable({ a: ["fine", 1, null, true] })).toBeNull();
  });

  it("sanitises every string and key and says whether it had to", () => {
    expect(sanitizeText("a\u0000\ud800b")).toBe("a\uFFFD\uFFFDb");
    expect(sanitizeValue({ "k\u0000": ["\udc00", 3] })).toEqual({
      value: { "k\uFFFD": ["\uFFFD", 3] },
      sanitized: true,
    });
    expect(sanitizeValue({ k: ["v"] })).toEqual({ value: { k: ["v"] }, sanitized: false });
  });
});
