import { describe, expect, it } from "vitest";
import { ipInCidrs, parseCidrs, resolveClientIp } from "./client-ip";

const proxies = parseCidrs(["10.0.0.0/8", "fd00::/8"]);

describe("resolveClientIp", () => {
  it.each([
    ["direct client, no header", "203.0.113.7", null, "203.0.113.7"],
    ["direct client cannot forge X-Forwarded-For", "203.0.113.7", "127.0.0.1", "203.0.113.7"],
    ["through a trusted proxy", "10.1.2.3", "198.51.100.9", "198.51.100.9"],
    [
      "skips trusted hops from the right, keeps the forged left part out",
      "10.1.2.3",
      "127.0.0.1, 198.51.100.9, 10.9.9.9",
      "198.51.100.9",
    ],
    ["IPv4-mapped IPv6 peer is normalised", "::ffff:203.0.113.7", null, "203.0.113.7"],
    ["IPv6 proxy and client", "fd00::1", "2001:db8::5", "2001:db8::5"],
    ["garbage in the header falls back to the peer", "10.1.2.3", "not-an-ip", "10.1.2.3"],
  ])("%s", (_name, peer, xff, expected) => {
    expect(resolveClientIp(peer, xff, proxies)).toBe(expected);
  });

  it("no peer means no address", () => {
    expect(resolveClientIp(null, "198.51.100.9", proxies)).toBeNull();
  });
});

describe("ipInCidrs", () => {
  const allow = parseCidrs(["192.168.0.0/16", "2001:db8::/32", "127.0.0.1"]);
  it.each([
    ["192.168.4.2", true],
    ["192.169.0.1", false],
    ["2001:db8:1::1", true],
    ["2001:db9::1", false],
    ["127.0.0.1", true],
    ["127.0.0.2", false],
    ["::ffff:192.168.1.1", true],
    ["", false],
  ])("%s → %s", (ip, expected) => {
    expect(ipInCidrs(ip, allow)).toBe(expected);
  });
});
