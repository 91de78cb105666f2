import { describe, expect, it } from "vitest";
import {
  bytesTitle,
  formatBytes,
  formatBytesWithCount,
  formatDate,
  formatDateTime,
} from "./format";

describe("formatBytes", () => {
  it("uses SI units, so 4,000,000 bytes is 4.0 MB", () => {
    expect(formatBytes(4_000_000)).toBe("4.0 MB");
    expect(formatBytes(1_500)).toBe("1.5 kB");
    expect(formatBytes(250_000_000)).toBe("250 MB");
    expect(formatBytes(3_200_000_000)).toBe("3.2 GB");
  });

  it("says bytes below a kilobyte and never shows 1000 of a unit", () => {
    expect(formatBytes(0)).toBe("0 bytes");
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(999)).toBe("999 bytes");
    expect(formatBytes(999_999)).toBe("1.0 MB");
  });

  it("shows a dash for what is not a size, and the exact count for a tooltip", () => {
    expect(formatBytes(-1)).toBe("—");
    expect(formatBytes(Number.NaN)).toBe("—");
    expect(bytesTitle(4_000_000)).toBe("4,000,000 bytes");
  });
});

describe("dates", () => {
  it("are shown in UTC", () => {
    const at = new Date("2026-03-04T05:06:07Z");
    expect(formatDateTime(at)).toBe("2026-03-04 05:06 UTC");
    expect(formatDate(at.toISOString())).toBe("2026-03-04");
    expect(formatDate(null)).toBe("—");
    expect(formatDateTime("not a date")).toBe("—");
  });
});

describe("formatBytesWithCount", () => {
  it("says a small size once and a larger one with its exact count", () => {
    expect(formatBytesWithCount(47)).toBe("47 bytes");
    expect(formatBytesWithCount(1)).toBe("1 byte");
    expect(formatBytesWithCount(4_000_000)).toBe("4.0 MB (4,000,000 bytes)");
    expect(formatBytesWithCount(-1)).toBe("—");
  });
});
