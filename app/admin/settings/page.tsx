import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader } from "@/components/ui/page";
import { Table } from "@/components/ui/table";
import { env } from "@/lib/env";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { publicKeys } from "@/lib/signing/public-keys";

export const metadata: Metadata = { title: "Settings" };

// Everything here comes from the environment (lib/env.ts): shown read-only, changed by
// redeploying with new values (docs/configuration.md).
export default async function SettingsPage() {
  await requireStaffPage("settings:read");
  const e = env();
  const keys = publicKeys();
  const limits: [string, string | number][] = [
    ["RATE_LIMIT_TOKEN_PER_MINUTE", e.RATE_LIMIT_TOKEN_PER_MINUTE],
    ["RATE_LIMIT_UPDATE_PER_MINUTE", e.RATE_LIMIT_UPDATE_PER_MINUTE],
    ["RATE_LIMIT_IP_PER_MINUTE", e.RATE_LIMIT_IP_PER_MINUTE],
    ["RATE_LIMIT_LICENSE_PER_MINUTE", e.RATE_LIMIT_LICENSE_PER_MINUTE],
    ["RATE_LIMIT_CLIENT_PER_MINUTE", e.RATE_LIMIT_CLIENT_PER_MINUTE],
    ["SIGNIN_MAX_FAILURES", e.SIGNIN_MAX_FAILURES],
    ["SIGNIN_MAX_FAILURES_PER_IP", e.SIGNIN_MAX_FAILURES_PER_IP],
    ["SIGNIN_FAILURE_WINDOW (s)", e.SIGNIN_FAILURE_WINDOW],
    ["ALERT_WINDOW (s)", e.ALERT_WINDOW],
    ["ALERT_API_FAILURES", e.ALERT_API_FAILURES],
    ["ALERT_BLOCKED_REQUESTS", e.ALERT_BLOCKED_REQUESTS],
    ["ALERT_MFA_FAILURES", e.ALERT_MFA_FAILURES],
    ["ALERT_RATE_LIMIT_STORM", e.ALERT_RATE_LIMIT_STORM],
    ["ALERT_LOG_INTERVAL (s)", e.ALERT_LOG_INTERVAL],
    ["AUDIT_CHECKPOINT_MINUTES", e.AUDIT_CHECKPOINT_MINUTES],
    ["WEBHOOK_MAX_ATTEMPTS", e.WEBHOOK_MAX_ATTEMPTS],
    ["WEBHOOK_DISABLE_AFTER", e.WEBHOOK_DISABLE_AFTER],
    ["WEBHOOK_RETRY_BASE_SECONDS", e.WEBHOOK_RETRY_BASE_SECONDS],
  ];
  return (
    <>
      <PageHeader
        title="Settings"
        description="In effect now. These come from the environment and are read-only here."
        actions={
          <Link href="/admin/settings/webhooks" className="text-sm text-brand-700 underline">
            Webhooks
          </Link>
        }
      />
      <Table
        caption="Signing keys"
        rows={keys}
        rowKey={(k) => k.keyId}
        columns={[
          { header: "Key id", cell: (k) => <span className="font-mono">{k.keyId}</span> },
          { header: "Status", cell: (k) => k.status },
          {
            header: "Public key",
            cell: (k) => <span className="font-mono text-xs break-all">{k.publicKeyBase64}</span>,
          },
        ]}
      />
      <div className="mt-4">
        <Card title="Rate limits and alert thresholds">
          <dl className="grid gap-2 sm:grid-cols-2">
            {limits.map(([name, value]) => (
              <div key={name} className="flex justify-between gap-4 text-sm">
                <dt className="font-mono text-xs">{name}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </Card>
      </div>
    </>
  );
}
