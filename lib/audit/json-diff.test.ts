import { describe, expect, it } from "vitest";
import { jsonDiff } from "./json-diff";

describe("jsonDiff", () => {
  it("lists changed, added and removed fields by path, and nothing unchanged", () => {
    expect(
      jsonDiff(
        { status: "ACTIVE", seats: 5, owner: { name: "A", email: "a@x" }, gone: true },
        { status: "SUSPENDED", seats: 5, owner: { name: "B", email: "a@x" }, added: [1] },
      ),
    ).toEqual([
      { path: "added", before: null, after: "[1]" },
      { path: "gone", before: "true", after: null },
      { path: "owner.name", before: '"A"', after: '"B"' },
      { path: "status", before: '"ACTIVE"', after: '"SUSPENDED"' },
    ]);
  });

  it("treats a creation as every field added", () => {
    expect(jsonDiff(null, { a: 1 })).toEqual([{ path: "a", before: null, after: "1" }]);
  });
});
