import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scrubText } from "@/lib/log";
import {
  LICENSE_KEY_PATTERN,
  decryptLicenseKey,
  generateLicenseKey,
  licenseKeyColumns,
  licenseKeyHash,
  licenseKeyHint,
  normalizeLicenseKey,
} from "./license-key";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

describe("license keys", () => {
  it("have the shape TG-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX in Crockford base32", () => {
    for (let i = 0; i < 200; i += 1) {
      const key = generateLicenseKey();
      expect(key).toMatch(LICENSE_KEY_PATTERN);
      expect(key).toMatch(/^TG(?:-[A-Z0-9]{5}){5}$/);
      expect(key.slice(3)).not.toMatch(/[ILOU]/);
    }
  });

  it("are what lib/log.ts redacts from free text", () => {
    const key = generateLicenseKey();
    expect(scrubText(`agent presented ${key} at 10:00`)).toBe(
      "agent presented [Redacted] at 10:00",
    );
  });

  it("carry 125 random bits: every symbol position uses the whole alphabet", () => {
    const seen = Array.from({ length: 25 }, () => new Set<string>());
    for (let i = 0; i < 3000; i += 1) {
      const symbols = generateLicenseKey().slice(3).replace(/-/g, "");
      [...symbols].forEach((c, p) => seen[p]?.add(c));
    }
    // 3000 draws from 32 symbols miss one with probability ~ 32 * e^-94: effectively never.
    for (const set of seen) expect([...set].sort().join("")).toBe(CROCKFORD);
  });

  it("do not repeat", () => {
    const keys = new Set(Array.from({ length: 10_000 }, generateLicenseKey));
    expect(keys.size).toBe(10_000);
  });

  it("normalise what people type: case, spaces, missing dashes, O/I/L look-alikes", () => {
    const key = "TG-01ABC-DEF01-GHJKM-NPQRS-TVWXY";
    expect(normalizeLicenseKey(key)).toBe(key);
    expect(normalizeLicenseKey(" tg-01abc-def01-ghjkm-npqrs-tvwxy ")).toBe(key);
    expect(normalizeLicenseKey("TG01ABCDEF01GHJKMNPQRSTVWXY")).toBe(key);
    expect(normalizeLicenseKey("TG-O1ABC-DEFOI-GHJKM-NPQRS-TVWXY")).toBe(key);
    expect(normalizeLicenseKey("TG-01ABC-DEF0L-GHJKM-NPQRS-TVWXY")).toBe(key);
  });

  it("refuse to normalise what cannot be a key", () => {
    for (const bad of [
      "",
      "TG-01ABC",
      "XX-01ABC-DEF01-GHJKM-NPQRS-TVWXY",
      "TG-01ABC-DEF01-GHJKM-NPQRS-TVWXU",
    ]) {
      expect(normalizeLicenseKey(bad)).toBeNull();
    }
  });

  it("hash the normalised form, so a retyped key finds the same license", () => {
    const symbols = fc.array(fc.constantFrom(...CROCKFORD), { minLength: 25, maxLength: 25 });
    fc.assert(
      fc.property(symbols, (chars) => {
        const body = chars.join("");
        const key = `TG-${body.match(/.{5}/g)?.join("-")}`;
        // Lower case, no dashes, 0 typed as o and 1 as l.
        const typed = `tg${body.toLowerCase().replace(/0/g, "o").replace(/1/g, "l")}`;
        expect(normalizeLicenseKey(typed)).toBe(key);
        expect(licenseKeyHash(typed)).toBe(licenseKeyHash(key));
      }),
      { numRuns: 200 },
    );
    expect(licenseKeyHash(generateLicenseKey())).not.toBe(licenseKeyHash(generateLicenseKey()));
  });

  it("are stored as hash, ciphertext and a five-symbol hint, never in plaintext", () => {
    const key = generateLicenseKey();
    const columns = licenseKeyColumns(key);
    expect(columns.keyHint).toBe(key.slice(-5));
    expect(licenseKeyHint(key)).toHaveLength(5);
    expect(JSON.stringify(columns)).not.toContain(key);
    expect(JSON.stringify(columns)).not.toContain(key.replace(/-/g, ""));
    expect(decryptLicenseKey(columns.keyCiphertext)).toBe(key);
  });
});
