import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { lookupHash } from "./lookup-hash";

describe("lookupHash", () => {
  it("is HMAC-SHA256 of the value under the given key, hex", () => {
    const expected = createHmac("sha256", "k".repeat(32)).update("TG-AAAAA").digest("hex");
    expect(lookupHash("TG-AAAAA", "k".repeat(32))).toBe(expected);
    expect(lookupHash("TG-AAAAA", "k".repeat(32))).toMatch(/^[0-9a-f]{64}$/);
  });

  it("depends on the key, so a leaked table cannot be checked against guesses", () => {
    expect(lookupHash("TG-AAAAA", "a".repeat(32))).not.toBe(lookupHash("TG-AAAAA", "b".repeat(32)));
  });

  it("uses LICENSE_HMAC_KEY from the environment by default", () => {
    const key = process.env.LICENSE_HMAC_KEY ?? "";
    expect(key.length).toBeGreaterThanOrEqual(32);
    expect(lookupHash("value")).toBe(lookupHash("value", key));
  });
});
