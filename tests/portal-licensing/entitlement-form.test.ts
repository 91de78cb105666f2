// The license forms' products-and-channels section: what it sends, and where the server's
// indexed field errors are shown.
import { describe, expect, it } from "vitest";
import {
  channelsName,
  entitlementError,
  includeName,
  isPlacedError,
  parseList,
  platformsName,
  readEntitlements,
} from "@/app/admin/licenses/entitlement-form";

const products = [
  { id: "p1", slug: "server", name: "Server", channels: ["beta", "stable"] },
  { id: "p2", slug: "agent", name: "Agent", channels: ["stable"] },
  { id: "p3", slug: "cli", name: "CLI", channels: ["stable"] },
];

describe("readEntitlements", () => {
  it("sends only the included products, in catalogue order, with their channels and platforms", () => {
    const form = new FormData();
    form.set(includeName("p3"), "on");
    form.append(channelsName("p3"), "stable");
    form.set(platformsName("p3"), " linux/x64,darwin/arm64\nwindows/x64 ");
    form.set(includeName("p1"), "on");
    form.append(channelsName("p1"), "beta");
    form.append(channelsName("p1"), "stable");
    form.append(channelsName("p2"), "stable"); // not included: ignored
    expect(readEntitlements(form, products)).toEqual([
      { productId: "p1", channels: ["beta", "stable"], platforms: [] },
      {
        productId: "p3",
        channels: ["stable"],
        platforms: ["linux/x64", "darwin/arm64", "windows/x64"],
      },
    ]);
  });

  it("sends an included product with no channel ticked, for the server to refuse", () => {
    const form = new FormData();
    form.set(includeName("p2"), "on");
    expect(readEntitlements(form, products)).toEqual([
      { productId: "p2", channels: [], platforms: [] },
    ]);
  });
});

describe("entitlementError", () => {
  const errors = {
    "entitlements.1.channels.0": 'the product has no channel "nightly"',
    "entitlements.0.platforms.1": 'must be "os/arch", e.g. linux/x64',
    "entitlements.1.productId": "no such product",
  };
  const sent = ["p1", "p3"];

  it("maps an error's index to the product that was sent at that place", () => {
    expect(entitlementError(errors, sent, "p3", "channels")).toBe(
      'the product has no channel "nightly"',
    );
    expect(entitlementError(errors, sent, "p1", "platforms")).toBe(
      'must be "os/arch", e.g. linux/x64',
    );
    expect(entitlementError(errors, sent, "p3", "productId")).toBe("no such product");
  });

  it("shows nothing for a product that was not sent or has no error", () => {
    expect(entitlementError(errors, sent, "p2", "channels")).toBeUndefined();
    expect(entitlementError(errors, sent, "p1", "channels")).toBeUndefined();
  });

  it("tells index 1 from index 10", () => {
    const many = Array.from({ length: 11 }, (_, i) => `p${i}`);
    expect(
      entitlementError({ "entitlements.10.channels": "x" }, many, "p1", "channels"),
    ).toBeUndefined();
    expect(entitlementError({ "entitlements.10.channels": "x" }, many, "p10", "channels")).toBe(
      "x",
    );
  });
});

describe("form helpers", () => {
  it("splits lists on commas and whitespace and drops blanks", () => {
    expect(parseList("")).toEqual([]);
    expect(parseList(" a, b ,,c\n d ")).toEqual(["a", "b", "c", "d"]);
  });

  it("places an error on a field or any of its items", () => {
    expect(isPlacedError("scopes.1", ["scopes"])).toBe(true);
    expect(isPlacedError("scopes", ["scopes"])).toBe(true);
    expect(isPlacedError("scopesX", ["scopes"])).toBe(false);
    expect(isPlacedError("(body)", ["scopes"])).toBe(false);
  });
});
