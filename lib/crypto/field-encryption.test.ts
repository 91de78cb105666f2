import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  ciphertextKeyId,
  decryptField,
  encryptField,
  needsReencryption,
  type FieldContext,
} from "./field-encryption";
import { parseKeyring } from "./keyring";

const k1 = randomBytes(32).toString("base64");
const k2 = randomBytes(32).toString("base64url");
const ringK1 = parseKeyring(`k1:${k1}`, "k1");
const ringBoth = parseKeyring(`k1:${k1},k2:${k2}`, "k2");
const email: FieldContext = { table: "Customer", column: "contactEmail" };
const phone: FieldContext = { table: "Customer", column: "contactPhone" };

// Replaces one character of the base64url body with another valid one.
function flip(ciphertext: string, index: number): string {
  const parts = ciphertext.split(".");
  const body = parts[3] ?? "";
  const c = body.charAt(index);
  parts[3] = body.slice(0, index) + (c === "A" ? "B" : "A") + body.slice(index + 1);
  return parts.join(".");
}

describe("field encryption", () => {
  it("round-trips and names its key in the format v1.<kid>.<iv>.<ct+tag>", () => {
    const ct = encryptField("ops@globex.test", email, ringK1);
    expect(ct).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(ct).not.toContain("globex");
    expect(decryptField(ct, email, ringK1)).toBe("ops@globex.test");
    expect(ciphertextKeyId(ct)).toBe("k1");
  });

  it("uses a fresh IV: the same value encrypts differently each time", () => {
    const a = encryptField("same", email, ringK1);
    const b = encryptField("same", email, ringK1);
    expect(a).not.toBe(b);
    expect(a.split(".")[2]).not.toBe(b.split(".")[2]);
  });

  it("round-trips empty and non-ASCII values", () => {
    for (const value of ["", "Zoë Ångström ☎ +49 30 1234", "x".repeat(5000)]) {
      expect(decryptField(encryptField(value, email, ringK1), email, ringK1)).toBe(value);
    }
  });

  it("detects tampering with the ciphertext, the tag or the IV", () => {
    const ct = encryptField("ops@globex.test", email, ringK1);
    const body = ct.split(".")[3] ?? "";
    expect(() => decryptField(flip(ct, 0), email, ringK1)).toThrow(/failed authentication/);
    expect(() => decryptField(flip(ct, body.length - 2), email, ringK1)).toThrow(
      /failed authentication/,
    );
    const parts = ct.split(".");
    const iv = parts[2] ?? "";
    parts[2] = (iv.startsWith("A") ? "B" : "A") + iv.slice(1);
    expect(() => decryptField(parts.join("."), email, ringK1)).toThrow(/failed authentication/);
  });

  it("refuses a ciphertext moved to another column or table", () => {
    const ct = encryptField("+1 555 0100", phone, ringK1);
    expect(() => decryptField(ct, email, ringK1)).toThrow(/failed authentication/);
    expect(() => decryptField(ct, { table: "License", column: "contactPhone" }, ringK1)).toThrow(
      /failed authentication/,
    );
    expect(decryptField(ct, phone, ringK1)).toBe("+1 555 0100");
  });

  it("refuses a header that names another key, even one in the keyring", () => {
    const ct = encryptField("secret", email, ringBoth);
    expect(() => decryptField(ct.replace(/^v1\.k2\./, "v1.k1."), email, ringBoth)).toThrow(
      /failed authentication/,
    );
  });

  it("says which key is missing when the kid is unknown", () => {
    const ct = encryptField("secret", email, ringBoth);
    expect(() => decryptField(ct, email, ringK1)).toThrow(/key "k2", which is not in the keyring/);
  });

  it("refuses values that are not ciphertexts, without echoing them", () => {
    for (const bad of [
      "ops@globex.test",
      "v1.k1.short.x",
      "v2.k1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAA",
    ]) {
      expect(() => decryptField(bad, email, ringK1)).toThrow(/does not hold a v1 ciphertext/);
    }
    try {
      decryptField("ops@globex.test", email, ringK1);
    } catch (error) {
      expect(String(error)).not.toContain("globex");
    }
  });

  it("rotation: old ciphertexts still decrypt and are flagged for re-encryption", () => {
    const old = encryptField("ops@globex.test", email, ringK1);
    expect(needsReencryption(old, ringK1)).toBe(false);
    expect(needsReencryption(old, ringBoth)).toBe(true);
    expect(decryptField(old, email, ringBoth)).toBe("ops@globex.test");
    const fresh = encryptField(decryptField(old, email, ringBoth), email, ringBoth);
    expect(ciphertextKeyId(fresh)).toBe("k2");
    expect(needsReencryption(fresh, ringBoth)).toBe(false);
    expect(needsReencryption("plaintext", ringBoth)).toBe(true);
  });
});

describe("keyring", () => {
  it("parses several keys and the active one", () => {
    const ring = parseKeyring(` k1:${k1} , k2:${k2} `, "k2");
    expect(ring.activeKid).toBe("k2");
    expect([...ring.keys.keys()]).toEqual(["k1", "k2"]);
  });

  it.each([
    ["a key of the wrong length", `k1:${randomBytes(16).toString("base64")}`, "k1", /32 bytes/],
    ["a missing separator", k1, "k1", /kid:base64key/],
    ["a kid with a dot", `k.1:${k1}`, "k.1", /kid:base64key/],
    ["a duplicate kid", `k1:${k1},k1:${k2}`, "k1", /appears twice/],
    ["an active key that is not listed", `k1:${k1}`, "k9", /"k9" is not in/],
    ["no keys at all", " , ", "k1", /no keys/],
  ])("rejects %s without echoing key material", (_what, spec, active, message) => {
    let thrown: unknown;
    try {
      parseKeyring(spec, active);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(String(thrown)).toMatch(message);
    expect(String(thrown)).not.toContain(k1);
    expect(String(thrown)).not.toContain(k2);
  });
});
