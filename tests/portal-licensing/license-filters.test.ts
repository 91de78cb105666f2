// The license list's URL filters: usable values become list input and stay in pagination links;
// anything else is dropped with a readable note rather than failing the page.
import { describe, expect, it } from "vitest";
import { readLicenseFilters } from "@/lib/licensing/read-license-filters";

const products = [
  { id: "prod_a", slug: "acme-server" },
  { id: "prod_b", slug: "acme-agent" },
];

describe("readLicenseFilters", () => {
  it("turns status, product slug, expiry window and search into list input", () => {
    const f = readLicenseFilters(
      { status: "Suspended", product: "acme-agent", expiring: "30", q: "  globex " },
      products,
    );
    expect(f.input).toEqual({
      status: "SUSPENDED",
      productId: "prod_b",
      expiringWithinDays: 30,
      search: "globex",
    });
    expect(f.params).toEqual({
      status: "suspended",
      product: "acme-agent",
      expiring: "30",
      q: "globex",
    });
    expect(f.problems).toEqual([]);
  });

  it("drops unknown values with a note each and keeps the rest", () => {
    const f = readLicenseFilters(
      { status: "deleted", product: "nope", expiring: "soon", q: "initech" },
      products,
    );
    expect(f.input).toEqual({ search: "initech" });
    expect(f.params).toEqual({ q: "initech" });
    expect(f.problems).toEqual([
      '"deleted" is not a status (active, suspended or revoked).',
      'There is no product "nope".',
      '"Expiring within" must be a number of days from 0 to 3650, not "soon".',
    ]);
  });

  it("accepts 0 to 3650 days and refuses more, negatives and fractions", () => {
    expect(readLicenseFilters({ expiring: "0" }, products).input.expiringWithinDays).toBe(0);
    expect(readLicenseFilters({ expiring: "3650" }, products).input.expiringWithinDays).toBe(3650);
    for (const bad of ["3651", "-1", "1.5", "99999"]) {
      const f = readLicenseFilters({ expiring: bad }, products);
      expect(f.input.expiringWithinDays, bad).toBeUndefined();
      expect(f.problems, bad).toHaveLength(1);
    }
  });

  it("says product filtering is unavailable to someone who cannot read products", () => {
    const f = readLicenseFilters({ product: "acme-server" }, null);
    expect(f.input.productId).toBeUndefined();
    expect(f.problems).toEqual(["You cannot filter by product."]);
  });

  it("caps the search at 200 characters and ignores an oversized cursor", () => {
    const f = readLicenseFilters({ q: "x".repeat(500), cursor: "c".repeat(501) }, products);
    expect(f.input.search).toHaveLength(200);
    expect(f.input.cursor).toBeUndefined();
    expect(f.problems).toEqual(["The page link was not valid; showing the first page."]);
    expect(readLicenseFilters({ cursor: "abc" }, products).input.cursor).toBe("abc");
  });
});
