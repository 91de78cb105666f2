import { formatDate, licenseLabel } from "@/components/ui/format";
import { LicenseStatusBadge } from "@/components/licensing/license-status-badge";
import { Notice } from "@/components/ui/page";
import type { PortalLicense } from "@/lib/portal/load-customer-overview";

// Pieces the overview and the license page share.
export function LicenseName({ keyHint }: { keyHint: string }) {
  return <span className="font-mono">{licenseLabel(keyHint)}</span>;
}

export function LicenseNotices({ licenses }: { licenses: PortalLicense[] }) {
  const notices = licenses.filter((l) => l.notice);
  if (notices.length === 0) return null;
  return (
    <div className="space-y-3" data-testid="license-notices">
      {notices.map((l) =>
        l.notice ? (
          <Notice key={l.id} tone={l.notice.tone} title={l.notice.title}>
            {l.notice.body}
          </Notice>
        ) : null,
      )}
    </div>
  );
}

export function LicenseFacts({ license }: { license: PortalLicense }) {
  return (
    <dl className="grid grid-cols-1 gap-4 text-sm sm:grid-cols-2 lg:grid-cols-4">
      <div>
        <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">Status</dt>
        <dd className="mt-1">
          <LicenseStatusBadge status={license.effectiveStatus} />
        </dd>
      </div>
      <div>
        <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">Expires</dt>
        <dd className="mt-1">{formatDate(license.expiresAt)}</dd>
      </div>
      <div>
        <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">Maintenance</dt>
        <dd className="mt-1">
          {license.maintenanceEndsAt
            ? `Releases published until ${formatDate(license.maintenanceEndsAt)} stay available`
            : "Access stops at expiry"}
        </dd>
      </div>
      <div>
        <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">Machines</dt>
        <dd className="mt-1">{license.maxMachines ?? "Unlimited"}</dd>
      </div>
    </dl>
  );
}

export function Entitlements({ license }: { license: PortalLicense }) {
  if (license.products.length === 0) return <span className="text-slate-500">None</span>;
  return (
    <ul className="space-y-1">
      {license.products.map((p) => (
        <li key={p.productId}>
          <span className="font-medium">{p.name}</span>{" "}
          <span className="text-slate-600">
            ({p.channels.join(", ") || "no channel"};{" "}
            {p.platforms.length ? p.platforms.join(", ") : "all platforms"})
          </span>
        </li>
      ))}
    </ul>
  );
}
