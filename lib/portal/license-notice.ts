// The banner a customer sees about a license: expired, about to expire (within 30 days),
// suspended or revoked, each with what to do. Pure, so the thresholds are tested directly.
import { effectiveStatus, type EffectiveStatus } from "@/lib/licensing/license-view";
import type { ExpiryBehavior, LicenseStatus } from "@/lib/generated/prisma/client";

export const EXPIRY_WARNING_DAYS = 30;
const DAY = 86_400_000;

export interface LicenseNotice {
  tone: "warning" | "error";
  title: string;
  body: string;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const RENEW = "Contact your vendor to renew.";

export function licenseNotice(
  license: {
    status: LicenseStatus;
    expiresAt: Date;
    expiryBehavior: ExpiryBehavior;
    keyHint: string;
  },
  now: Date = new Date(),
): LicenseNotice | null {
  const name = `License TG-…-${license.keyHint}`;
  const status: EffectiveStatus = effectiveStatus(license, now);
  switch (status) {
    case "revoked":
      return {
        tone: "error",
        title: `${name} was revoked`,
        body: "It no longer gives access to downloads or updates. Contact your vendor.",
      };
    case "suspended":
      return {
        tone: "error",
        title: `${name} is suspended`,
        body: `Downloads and updates are paused. Contact your vendor to reinstate it.`,
      };
    case "expired":
      return {
        tone: "error",
        title: `${name} expired on ${day(license.expiresAt)}`,
        body: `Downloads and updates stopped; installed software keeps running. ${RENEW}`,
      };
    case "maintenance":
      return {
        tone: "warning",
        title: `${name} expired on ${day(license.expiresAt)}`,
        body: `You keep the releases published before that day; newer releases need a renewal. ${RENEW}`,
      };
    case "active": {
      const days = Math.ceil((license.expiresAt.getTime() - now.getTime()) / DAY);
      if (days > EXPIRY_WARNING_DAYS) return null;
      return {
        tone: "warning",
        title: `${name} expires in ${days} day${days === 1 ? "" : "s"} (${day(license.expiresAt)})`,
        body: `After that, ${license.expiryBehavior === "MAINTENANCE" ? "you keep only the releases published before then" : "downloads and updates stop"}. ${RENEW}`,
      };
    }
  }
}
