import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { formatDateTime } from "@/components/ui/format";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/page";
import { Table } from "@/components/ui/table";
import { getAuditEvent } from "@/lib/audit/get-audit-event";
import { jsonDiff } from "@/lib/audit/json-diff";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { historyHref } from "../audit-filters";

export const metadata: Metadata = { title: "Audit event" };

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-0.5 text-sm break-all text-slate-900">{children}</dd>
    </div>
  );
}

const mono = (v: string | null | undefined) => (
  <span className="font-mono text-xs">{v ?? "—"}</span>
);

// Chain checks are spelled out (pass/FAIL), never shown by colour alone.
const check = (ok: boolean, good: string, bad: string) => (
  <Badge tone={ok ? "green" : "red"}>{ok ? `✓ ${good}` : `✗ ${bad}`}</Badge>
);

export default async function AuditEventPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireStaffPage("audit:read");
  const { id } = await params;
  const found = await getAuditEvent({ actor, eventId: id });
  if (!found) notFound();
  const { event, chain } = found;
  const changes = jsonDiff(event.before, event.after);
  return (
    <>
      <PageHeader
        title={event.action}
        description={`Event #${event.seq?.toString() ?? "?"}, ${formatDateTime(event.at)}`}
      />
      <p className="mb-4 text-sm">
        <Link href="/admin/audit" className="text-brand-700 underline">
          ← Audit trail
        </Link>
        {event.targetType && event.targetId ? (
          <>
            {" · "}
            <Link
              href={historyHref(event.targetType, event.targetId)}
              className="text-brand-700 underline"
            >
              All events about this {event.targetType}
            </Link>
          </>
        ) : null}
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <h2 className="mb-3 text-sm font-semibold">What and who</h2>
          <dl className="grid grid-cols-2 gap-3">
            <Detail label="Result">{event.result.toLowerCase()}</Detail>
            <Detail label="Reason">{event.reason ?? "—"}</Detail>
            <Detail label="Actor">{`${event.actorLabel ?? "—"} (${event.actorType.toLowerCase()})`}</Detail>
            <Detail label="Actor id">{mono(event.actorId)}</Detail>
            <Detail label="Roles">{event.actorRoles.join(", ") || "—"}</Detail>
            <Detail label="Permissions">{event.actorPermissions.join(", ") || "—"}</Detail>
            <Detail label="Target">
              {mono(event.targetType ? `${event.targetType} ${event.targetId ?? ""}` : null)}
            </Detail>
          </dl>
        </Card>
        <Card>
          <h2 className="mb-3 text-sm font-semibold">Request</h2>
          <dl className="grid grid-cols-2 gap-3">
            <Detail label="Method and path">
              {mono(event.method ? `${event.method} ${event.path ?? ""}` : null)}
            </Detail>
            <Detail label="Client address">{mono(event.ip)}</Detail>
            <Detail label="Request id">{mono(event.requestId)}</Detail>
            <Detail label="User agent">{event.userAgent ?? "—"}</Detail>
          </dl>
        </Card>
      </div>
      <div className="mt-4">
        <Table
          caption="Changes"
          rows={changes}
          rowKey={(c) => c.path}
          empty="This event records no before/after change."
          columns={[
            { header: "Field", cell: (c) => mono(c.path) },
            {
              header: "Before",
              cell: (c) => (
                <del className="font-mono text-xs text-red-800">{c.before ?? "(none)"}</del>
              ),
            },
            {
              header: "After",
              cell: (c) => (
                <ins className="font-mono text-xs text-emerald-800 no-underline">
                  {c.after ?? "(removed)"}
                </ins>
              ),
            },
          ]}
        />
      </div>
      {event.metadata ? (
        <div className="mt-4">
          <Card title="Details">
            <pre className="overflow-x-auto text-xs">{JSON.stringify(event.metadata, null, 2)}</pre>
          </Card>
        </div>
      ) : null}
      <div className="mt-4">
        <Card title="Chain status">
          <div className="flex flex-wrap gap-2" data-testid="chain-status">
            {check(
              chain.contentMatches,
              "content matches its hash",
              "content does not match its hash",
            )}
            {check(
              chain.linksToPrevious,
              "links to the event before",
              "does not link to the event before",
            )}
            {chain.checkpoint ? (
              <Badge tone="blue">{`covered by signed checkpoint #${chain.checkpoint.seq.toString()} (key ${chain.checkpoint.keyId})`}</Badge>
            ) : (
              <Badge>not yet covered by a signed checkpoint</Badge>
            )}
          </div>
          <dl className="mt-3 grid gap-2">
            <Detail label="Hash">{mono(event.hash)}</Detail>
            <Detail label="Previous hash">{mono(event.prevHash)}</Detail>
          </dl>
        </Card>
      </div>
    </>
  );
}
