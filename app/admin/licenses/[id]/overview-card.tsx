import { LicenseStatusBadge } from "@/components/licensing/license-status-badge";
import { Detail, DetailList } from "@/components/ui/detail";
import { formatDateTime, licenseLabel } from "@/components/ui/format";
import { LinkIf } from "@/components/ui/link-if";
import { Card } from "@/components/ui/page";
import type { LicenseView } from "@/lib/licensing/license-view";

const EXPIRY_BEHAVIOR = {
  ACCESS_STOPS: "access stops",
  MAINTENANCE: "maintenance ends (keeps releases published before then)",
} as const;

export function LicenseOverview({
  license,
  canReadCustomers,
}: {
  license: LicenseView;
  canReadCustomers: boolean;
}) {
  const label = licenseLabel(license.keyHint);
  return (
    <Card title="Overview">
      <DetailList>
        <Detail label="Status">
          <span data-testid="license-status">
            <LicenseStatusBadge status={license.effectiveStatus} />
          </span>
        </Detail>
        <Detail label="Customer">
          <LinkIf
            allowed={canReadCustomers}
            href={`/admin/customers/${license.customer.id}`}
            className="text-brand-700 hover:underline"
          >
            {license.customer.name}
          </LinkIf>
        </Detail>
        <Detail label="Expires">
          <span data-testid="license-expires">{formatDateTime(license.expiresAt)}</span>
          <span className="block text-xs text-slate-500">
            then {EXPIRY_BEHAVIOR[license.expiryBehavior]}
          </span>
        </Detail>
        <Detail label="Machines">
          {license.machineCount} of {license.maxMachines ?? "unlimited"}
        </Detail>
        <Detail label="Key">
          <span className="font-mono" data-testid="license-key-hint">
            {label}
          </span>
          <span className="block text-xs text-slate-500">Only the last group is shown.</span>
        </Detail>
        <Detail label="Created">{formatDateTime(license.createdAt)}</Detail>
        {license.suspendedAt ? (
          <Detail label="Suspended">{formatDateTime(license.suspendedAt)}</Detail>
        ) : null}
        {license.revokedAt ? (
          <Detail label="Revoked">{formatDateTime(license.revokedAt)}</Detail>
        ) : null}
        <Detail label="Notes" wide>
          {license.notes ? <span className="whitespace-pre-wrap">{license.notes}</span> : "—"}
        </Detail>
      </DetailList>
    </Card>
  );
}
