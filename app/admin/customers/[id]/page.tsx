import type { Metadata } from "next";
import Link from "next/link";
import { MembersPanel } from "@/components/customers/members-panel";
import { ActivityTable } from "@/components/licensing/activity-table";
import { EntitlementSummary } from "@/components/licensing/entitlement-summary";
import { licenseLabel } from "@/components/ui/format";
import { LicenseStatusBadge } from "@/components/licensing/license-status-badge";

import { buttonClass } from "@/components/ui/button";
import { Detail } from "@/components/ui/detail";
import { ReadOnlyNote } from "@/components/ui/read-only-note";
import { Card, PageHeader, Section, When } from "@/components/ui/page";
import { LinkIf } from "@/components/ui/link-if";
import { NameAndId } from "@/components/ui/name-and-id";
import { Table } from "@/components/ui/table";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { getCustomer } from "@/lib/licensing/get-customer";
import { orNotFound } from "@/lib/pages/or-not-found";
import type { LicenseView } from "@/lib/licensing/license-view";
import { env } from "@/lib/env";
import { listCustomerMembers } from "@/lib/portal/list-customer-members";
import {
  inviteCustomerUserAction,
  removeCustomerUserAction,
  resendCustomerInvitationAction,
  setCustomerUserRoleAction,
} from "./actions";
import { EditCustomerButton } from "./edit-customer-button";
import { AuditHistoryLink } from "../../audit/history-link";

type Params = Promise<{ id: string }>;

export const metadata: Metadata = { title: "Customer" };

export default async function CustomerPage({ params }: { params: Params }) {
  const actor = await requireStaffPage("customers:read");
  const { id } = await params;
  const { customer, licenses, machines, recentActivity } = await orNotFound(
    getCustomer({ actor, input: { customerId: id } }),
  );
  const members = await listCustomerMembers({ actor, input: { customerId: customer.id } });
  const canReadLicenses = actor.permissions.has("licenses:read");
  const licenseHint = new Map(licenses.map((l) => [l.id, l.keyHint]));
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/admin/customers" className="hover:underline">
          Customers
        </Link>{" "}
        / <span className="font-mono">{customer.slug}</span>
      </nav>
      <PageHeader
        title={customer.name}
        description={<span className="font-mono">{customer.slug}</span>}
        actions={
          <>
            {actor.permissions.has("customers:write") ? (
              <EditCustomerButton customer={customer} />
            ) : null}
            {actor.permissions.has("licenses:write") ? (
              <Link
                href={`/admin/licenses?new=1&customer=${encodeURIComponent(customer.id)}`}
                className={buttonClass()}
              >
                New license
              </Link>
            ) : null}
          </>
        }
      />
      <ReadOnlyNote actor={actor} anyOf={["customers:write", "licenses:write"]} />
      <div className="space-y-6">
        <Card title="Contact">
          <dl className="grid gap-4 sm:grid-cols-3" data-testid="customer-contact">
            <Detail label="Name">{customer.contactName ?? "—"}</Detail>
            <Detail label="Email">
              {customer.contactEmail ? (
                <a
                  href={`mailto:${customer.contactEmail}`}
                  className="text-brand-700 hover:underline"
                >
                  {customer.contactEmail}
                </a>
              ) : (
                "—"
              )}
            </Detail>
            <Detail label="Phone">{customer.contactPhone ?? "—"}</Detail>
            <div className="sm:col-span-3">
              <Detail label="Notes">
                {customer.notes ? (
                  <span className="whitespace-pre-wrap">{customer.notes}</span>
                ) : (
                  "—"
                )}
              </Detail>
            </div>
          </dl>
        </Card>

        <Section id="licenses" title="Licenses">
          <Table
            caption="Licenses"
            rows={licenses}
            rowKey={(l) => l.id}
            empty="This customer holds no licenses."
            columns={[
              {
                header: "License",
                cell: (l: LicenseView) => (
                  <LinkIf
                    allowed={canReadLicenses}
                    href={`/admin/licenses/${l.id}`}
                    className="font-mono text-brand-700 hover:underline"
                    plainClassName="font-mono"
                  >
                    {licenseLabel(l.keyHint)}
                  </LinkIf>
                ),
              },
              {
                header: "Products",
                cell: (l) => <EntitlementSummary entitlements={l.entitlements} />,
              },
              { header: "Status", cell: (l) => <LicenseStatusBadge status={l.effectiveStatus} /> },
              {
                header: "Expires",
                cell: (l) => <When at={l.expiresAt} time={false} />,
              },
              {
                header: "Machines",
                className: "text-right",
                cell: (l) => `${l.machineCount} / ${l.maxMachines ?? "∞"}`,
              },
            ]}
          />
        </Section>

        <Section id="users" title="Users">
          <MembersPanel
            members={members}
            canManage={actor.permissions.has("customers:write")}
            selfUserId={null}
            scope={{ customerId: customer.id }}
            signInUrl={new URL("/portal/signin", env().APP_URL).toString()}
            actions={{
              invite: inviteCustomerUserAction,
              resend: resendCustomerInvitationAction,
              remove: removeCustomerUserAction,
              setRole: setCustomerUserRoleAction,
            }}
          />
        </Section>

        <Section id="machines" title="Machines">
          <Table
            caption="Machines"
            rows={machines}
            rowKey={(m) => m.id}
            empty="No machine has checked in yet."
            columns={[
              {
                header: "Machine",
                cell: (m) => <NameAndId name={m.hostname} id={m.machineId} />,
              },
              {
                header: "License",
                cell: (m) => (
                  <LinkIf
                    allowed={canReadLicenses}
                    href={`/admin/licenses/${m.licenseId}`}
                    className="font-mono text-xs text-brand-700 hover:underline"
                    plainClassName="font-mono text-xs"
                  >
                    {licenseLabel(licenseHint.get(m.licenseId) ?? "?????")}
                  </LinkIf>
                ),
              },
              {
                header: "Last address",
                cell: (m) => <span className="font-mono text-xs">{m.lastIp ?? "—"}</span>,
              },
              {
                header: "Last seen",
                cell: (m) => <When at={m.lastSeenAt} />,
              },
            ]}
          />
        </Section>

        <Section id="activity" title="Recent activity">
          <AuditHistoryLink actor={actor} targetType="customer" targetId={customer.id} />
          <ActivityTable
            caption="Recent activity"
            rows={recentActivity}
            target={(r) => {
              const hint = r.targetType === "license" && r.targetId && licenseHint.get(r.targetId);
              if (hint && canReadLicenses)
                return (
                  <Link
                    href={`/admin/licenses/${r.targetId}`}
                    className="font-mono text-xs text-brand-700 hover:underline"
                  >
                    license {licenseLabel(hint)}
                  </Link>
                );
              if (r.targetType === "customer")
                return <span className="text-slate-600">this customer</span>;
              return null;
            }}
          />
        </Section>
      </div>
    </>
  );
}
