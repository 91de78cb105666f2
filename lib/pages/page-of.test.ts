import { describe, expect, it } from "vitest";
import { matches, pageOf } from "./page-of";

describe("pageOf", () => {
  const rows = Array.from({ length: 7 }, (_, i) => i);

  it("pages through a list with an offset cursor", () => {
    expect(pageOf(rows, undefined, 3)).toEqual({
      items: [0, 1, 2],
      nextCursor: "3",
      onLaterPage: false,
    });
    expect(pageOf(rows, "3", 3)).toEqual({ items: [3, 4, 5], nextCursor: "6", onLaterPage: true });
    expect(pageOf(rows, "6", 3)).toEqual({ items: [6], nextCursor: null, onLaterPage: true });
  });

  it("starts again from the top for a cursor that is not an offset or is past the end", () => {
    expect(pageOf(rows, "abc", 3).items).toEqual([0, 1, 2]);
    expect(pageOf(rows, "99", 3).items).toEqual([0, 1, 2]);
  });
});

describe("matches", () => {
  it("finds the term in any of the texts, ignoring case", () => {
    expect(matches("acme", "Acme Server", "acme-server")).toBe(true);
    expect(matches("globex", "Acme Server", null)).toBe(false);
    expect(matches("  ", "anything")).toBe(true);
    expect(matches(undefined, "anything")).toBe(true);
  });
});
