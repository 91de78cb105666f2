import type { Metadata } from "next";
import Link from "next/link";
import { Pager } from "@/components/ui/pager";
import { formatDateTime } from "@/components/ui/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, Notice, PageHeader } from "@/components/ui/page";
import { Table } from "@/components/ui/table";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { latestCheckpoint } from "@/lib/audit/get-audit-event";
import { listAuditEvents, type AuditEventRow } from "@/lib/audit/list-audit-events";
import { AppError } from "@/lib/errors/app-error";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { firstParam, type SearchParams } from "@/lib/identity/requested-path";
import { filterQuery, readAuditFilters } from "./audit-filters";
import { ExportButtons } from "./export-buttons";

export const metadata: Metadata = { title: "Audit trail" };

const control =
  "mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600";

// Result is spelled out, never colour alone.
const RESULT_TONE = { SUCCESS: "green", FAILURE: "amber", DENIED: "red" } as const;

function Filter({
  label,
  name,
  value,
  placeholder,
}: {
  label: string;
  name: string;
  value?: string;
  placeholder?: string;
}) {
  return (
    <label className="block text-sm font-medium text-slate-700">
      {label}
      <input name={name} defaultValue={value} placeholder={placeholder} className={control} />
    </label>
  );
}

function Choice({
  label,
  name,
  value,
  options,
}: {
  label: string;
  name: string;
  value?: string;
  options: readonly string[];
}) {
  return (
    <label className="block text-sm font-medium text-slate-700">
      {label}
      <select name={name} defaultValue={value ?? ""} className={control}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireStaffPage("audit:read");
  const params = await searchParams;
  const filters = readAuditFilters(params);
  const cursor = firstParam(params.cursor);
  let page: { rows: AuditEventRow[]; nextCursor: string | null } = { rows: [], nextCursor: null };
  let problem: string | null = null;
  try {
    page = await listAuditEvents({ actor, input: { ...filters, cursor } });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "validation_failed") throw error;
    problem = "Some filters are not valid: check the address, dates and action.";
  }
  const checkpoint = await latestCheckpoint();
  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every change, sign-in, refusal and storage access, newest first. Events are hash-chained; signed checkpoints make removal detectable."
      />
      <Card>
        <h2 className="text-sm font-semibold text-slate-900">Chain status</h2>
        {checkpoint ? (
          <p className="mt-1 text-sm text-slate-700" data-testid="audit-checkpoint">
            Last signed checkpoint: event #{checkpoint.seq.toString()} at{" "}
            {formatDateTime(checkpoint.createdAt)}, key{" "}
            <span className="font-mono">{checkpoint.keyId}</span>, hash{" "}
            <span className="font-mono text-xs break-all">{checkpoint.hash}</span>.
          </p>
        ) : (
          <p className="mt-1 text-sm text-slate-700" data-testid="audit-checkpoint">
            No signed checkpoint yet: run <code>npm run audit:checkpoint</code> on a schedule.
          </p>
        )}
      </Card>
      <form
        method="get"
        className="mt-4 grid gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-3 lg:grid-cols-4"
        aria-label="Filter the audit trail"
      >
        <Filter
          label="Search summaries"
          name="q"
          value={filters.q}
          placeholder="text in reason, actor, action"
        />
        <Filter label="Actor (email or id)" name="actor" value={filters.actor} />
        <Choice
          label="Actor type"
          name="actorType"
          value={filters.actorType}
          options={["USER", "AGENT", "SERVICE", "SYSTEM", "ANONYMOUS"]}
        />
        <Choice label="Action" name="action" value={filters.action} options={AUDIT_ACTIONS} />
        <Filter
          label="Target type"
          name="targetType"
          value={filters.targetType}
          placeholder="license, customer, …"
        />
        <Filter label="Target id" name="targetId" value={filters.targetId} />
        <Choice
          label="Result"
          name="result"
          value={filters.result}
          options={["SUCCESS", "FAILURE", "DENIED"]}
        />
        <Filter label="IP or CIDR" name="ip" value={filters.ip} placeholder="203.0.113.0/24" />
        <Filter label="Method" name="method" value={filters.method} placeholder="POST" />
        <Filter
          label="Path starts with"
          name="path"
          value={filters.path}
          placeholder="/api/update"
        />
        <Filter label="From" name="from" value={filters.from} placeholder="2026-12-01T00:00Z" />
        <Filter label="To" name="to" value={filters.to} placeholder="2026-12-31" />
        <div className="flex items-end gap-2">
          <Button type="submit">Filter</Button>
          <Link href="/admin/audit" className="text-sm text-slate-600 underline">
            Clear
          </Link>
        </div>
      </form>
      <div className="mt-4 flex items-center justify-between">
        {problem ? <Notice tone="warning" title={problem} /> : <span />}
        {actor.permissions.has("audit:export") ? (
          <ExportButtons query={filterQuery(filters)} />
        ) : null}
      </div>
      <div className="mt-4">
        <Table
          caption="Audit events"
          rows={page.rows}
          rowKey={(r) => r.id}
          empty="No events match these filters."
          columns={[
            {
              header: "#",
              cell: (r) => <span className="font-mono text-xs">{r.seq.toString()}</span>,
            },
            {
              header: "When",
              cell: (r) => <span className="whitespace-nowrap">{formatDateTime(r.at)}</span>,
            },
            {
              header: "Action",
              cell: (r) => (
                <Link
                  href={`/admin/audit/${r.id}`}
                  className="font-mono text-xs text-brand-700 underline"
                >
                  {r.action}
                </Link>
              ),
            },
            {
              header: "Result",
              cell: (r) => <Badge tone={RESULT_TONE[r.result]}>{r.result.toLowerCase()}</Badge>,
            },
            {
              header: "Actor",
              cell: (r) => `${r.actorLabel ?? r.actorId ?? "—"} (${r.actorType.toLowerCase()})`,
            },
            {
              header: "Target",
              cell: (r) =>
                r.targetType ? (
                  <span className="font-mono text-xs">{`${r.targetType} ${r.targetId ?? ""}`}</span>
                ) : (
                  "—"
                ),
            },
            {
              header: "From",
              cell: (r) => <span className="font-mono text-xs">{r.ip ?? "—"}</span>,
            },
            {
              header: "Access",
              cell: (r) => (
                <span className="font-mono text-xs">
                  {r.method ? `${r.method} ${r.path ?? ""}` : "—"}
                </span>
              ),
            },
            { header: "Summary", cell: (r) => r.reason ?? "" },
          ]}
        />
      </div>
      <Pager
        path="/admin/audit"
        params={filters}
        nextCursor={page.nextCursor}
        onLaterPage={Boolean(cursor)}
      />
    </>
  );
}
