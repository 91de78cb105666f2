// The entitlement rules, as pure functions: the update API loads a license and its entitlement
// for the product asked about, then asks here whether the agent may have a channel and platform.
// Status is checked before dates so that a revoked or suspended license says so even when it
// has also expired; the order of the remaining checks follows the order of the question.
import type { ExpiryBehavior, LicenseStatus } from "@/lib/generated/prisma/client";

export type AccessDeniedReason =
  | "license_suspended"
  | "license_revoked"
  | "license_expired"
  | "product_not_entitled"
  | "channel_not_entitled"
  | "platform_not_entitled";

export type LicenseAccess =
  { ok: true; publishedBefore: Date | null } | { ok: false; reason: AccessDeniedReason };

export interface LicenseAccessInput {
  license: { status: LicenseStatus; expiresAt: Date; expiryBehavior: ExpiryBehavior };
  // The license's entitlement for the product asked about; null when it has none.
  entitlement: { channels: readonly string[]; platforms: readonly string[] } | null;
  channel: string;
  // null when the question is not about one platform (e.g. listing a release's artifacts, each of
  // which is then filtered with isPlatformEntitled).
  platform: string | null;
  arch: string | null;
  now: Date;
}

// An empty platform list entitles every platform; a listed one is "os/arch".
export function isPlatformEntitled(
  entitlement: { platforms: readonly string[] },
  platform: string,
  arch: string,
): boolean {
  return (
    entitlement.platforms.length === 0 || entitlement.platforms.includes(`${platform}/${arch}`)
  );
}

export function evaluateLicenseAccess(input: LicenseAccessInput): LicenseAccess {
  const { license, entitlement } = input;
  if (license.status === "REVOKED") return { ok: false, reason: "license_revoked" };
  if (license.status === "SUSPENDED") return { ok: false, reason: "license_suspended" };
  const expired = input.now.getTime() >= license.expiresAt.getTime();
  if (expired && license.expiryBehavior !== "MAINTENANCE") {
    return { ok: false, reason: "license_expired" };
  }
  if (!entitlement) return { ok: false, reason: "product_not_entitled" };
  // No channels means none: a license follows only channels it names.
  if (!entitlement.channels.includes(input.channel)) {
    return { ok: false, reason: "channel_not_entitled" };
  }
  const asksPlatform = input.platform !== null || input.arch !== null;
  if (asksPlatform && entitlement.platforms.length > 0) {
    // Half a platform ("linux", no arch) cannot match an "os/arch" entry: refuse, not guess.
    const { platform, arch } = input;
    if (platform === null || arch === null || !isPlatformEntitled(entitlement, platform, arch)) {
      return { ok: false, reason: "platform_not_entitled" };
    }
  }
  // In maintenance the customer keeps what was published while the license was current.
  return { ok: true, publishedBefore: expired ? license.expiresAt : null };
}
