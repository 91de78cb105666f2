// The client's address: the socket peer, or X-Forwarded-For when (and only when) the peer is a
// configured trusted proxy. We walk the chain from the right, skipping trusted hops, so a client
// cannot forge its address by sending its own X-Forwarded-For.
import ipaddr from "ipaddr.js";

export type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

export function parseCidrs(values: readonly string[]): Cidr[] {
  return values.map((value) => {
    if (value.includes("/")) return ipaddr.parseCIDR(value);
    const addr = ipaddr.parse(value);
    return [addr, addr.kind() === "ipv4" ? 32 : 128];
  });
}

function normalize(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const trimmed = address.trim().replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(trimmed)) return null;
  const parsed = ipaddr.parse(trimmed);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed;
}

export function ipInCidrs(address: string, cidrs: readonly Cidr[]): boolean {
  const ip = normalize(address);
  if (!ip) return false;
  return cidrs.some(([range, bits]) => ip.kind() === range.kind() && ip.match(range, bits));
}

export function resolveClientIp(
  peer: string | null,
  forwardedFor: string | null,
  trustedProxies: readonly Cidr[],
): string | null {
  const peerIp = peer ? normalize(peer) : null;
  if (!peerIp) return null;
  if (!forwardedFor || !ipInCidrs(peerIp.toString(), trustedProxies)) return peerIp.toString();
  const hops = forwardedFor
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalize(hops[i] ?? "");
    if (!hop) return peerIp.toString();
    if (!ipInCidrs(hop.toString(), trustedProxies)) return hop.toString();
  }
  return peerIp.toString();
}
