import { Badge } from "@/components/ui/badge";
import type { EffectiveStatus } from "@/lib/licensing/license-view";

const STATUS: Record<
  EffectiveStatus,
  { label: string; tone: "green" | "amber" | "red" | "slate" }
> = {
  active: { label: "Active", tone: "green" },
  maintenance: { label: "Maintenance only", tone: "amber" },
  expired: { label: "Expired", tone: "slate" },
  suspended: { label: "Suspended", tone: "amber" },
  revoked: { label: "Revoked", tone: "red" },
};

export function licenseStatusLabel(status: EffectiveStatus): string {
  return STATUS[status].label;
}

// What the license does for its agents right now (status and expiry together), which is what
// staff need to see first; the stored status alone would call an expired license "active".
export function LicenseStatusBadge({ status }: { status: EffectiveStatus }) {
  return <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>;
}
