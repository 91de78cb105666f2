// An endpoint URL must not be a way into the deployment's own network (SSRF): in production,
// a target that is or resolves to a loopback, private, link-local, unique-local or otherwise
// non-public address is refused unless WEBHOOK_ALLOW_PRIVATE_TARGETS is set. The check runs
// inside the connection's DNS lookup, so the address checked is the address connected to (a
// name that resolves differently the second time gains nothing).
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import ipaddr from "ipaddr.js";
import { env } from "@/lib/env";

export class UnsafeTargetError extends Error {}

export function allowPrivateTargets(): boolean {
  const e = env();
  return e.WEBHOOK_ALLOW_PRIVATE_TARGETS || !e.isProduction;
}

export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === "unicast";
}

const bareHost = (hostname: string) => hostname.replace(/^\[(.*)\]$/, "$1");

// Why a URL cannot be an endpoint, or null. Names are resolved only when connecting.
export function urlProblem(raw: string, allowPrivate = allowPrivateTargets()): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Not a URL.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Use an http(s) URL.";
  if (url.protocol === "http:" && !allowPrivate) return "Use https.";
  if (url.username || url.password) return "Credentials do not belong in the URL.";
  const host = bareHost(url.hostname);
  if (!allowPrivate && (ipaddr.isValid(host) ? !isPublicAddress(host) : host === "localhost"))
    return "Private and loopback addresses are not allowed.";
  return null;
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

// A drop-in for dns.lookup that refuses non-public answers.
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const refused = addresses.find((a) => !allowPrivate && !isPublicAddress(a.address));
      if (refused) {
        return callback(new UnsafeTargetError(`${hostname} resolves to a non-public address`), []);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new UnsafeTargetError(`${hostname} has no address`), []);
      callback(null, first.address, first.family);
    });
  };
}

// An IP literal is connected to without a lookup, so it is checked here.
export function assertSafeHost(url: URL, allowPrivate: boolean): void {
  const host = bareHost(url.hostname);
  if (!allowPrivate && ipaddr.isValid(host) && !isPublicAddress(host))
    throw new UnsafeTargetError(`${host} is not a public address`);
}
